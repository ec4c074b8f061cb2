import { BadRequestException } from '@nestjs/common';
import type { ListConversationsQuery } from '@rapport/shared';
import { isUuid } from '../../common/uuid.pipe.js';
import { seesAllTeams, type AuthUser } from '../auth/auth-user.js';

/** One SQL condition on conversations aliased `c`, with its named (`:name`) parameters. */
export interface ListCondition {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * What the inbox list and its search both filter by: what the user may see (managers and admins everything,
 * agents and leads their own and their teams' conversations), then the filters asked for. Bad input is a 400.
 */
export function listConditions(user: AuthUser, query: Pick<ListConversationsQuery, 'status' | 'assignee' | 'teamId' | 'channel'>): ListCondition[] {
  const conditions: ListCondition[] = [];
  if (!seesAllTeams(user)) {
    conditions.push(
      user.teamIds.length
        ? { sql: '(c.assignee_id = :me OR c.team_id IN (:...myTeams))', params: { me: user.id, myTeams: user.teamIds } }
        : { sql: 'c.assignee_id = :me', params: { me: user.id } },
    );
  }
  if (query.status) conditions.push({ sql: 'c.status = :status', params: { status: query.status } });
  if (query.assignee === 'me') conditions.push({ sql: 'c.assignee_id = :assignee', params: { assignee: user.id } });
  else if (query.assignee === 'unassigned') conditions.push({ sql: 'c.assignee_id IS NULL', params: {} });
  else if (query.assignee && query.assignee !== 'all') {
    if (!isUuid(query.assignee)) throw new BadRequestException('assignee must be "me", "unassigned", "all" or a user id');
    conditions.push({ sql: 'c.assignee_id = :assignee', params: { assignee: query.assignee } });
  }
  if (query.teamId) conditions.push({ sql: 'c.team_id = :teamId', params: { teamId: query.teamId } });
  if (query.channel) {
    if (isUuid(query.channel)) conditions.push({ sql: 'c.channel_id = :channel', params: { channel: query.channel } });
    else conditions.push({ sql: 'c.channel_id IN (SELECT id FROM channels WHERE kind = :channel)', params: { channel: query.channel } });
  }
  return conditions;
}
