import { RESPONSE_TIME_GROUPS, type ResponseTimeGroup } from '@rapport/shared';

/** The groupings a table can show (days are the trend charts', the one row over all the summary tiles'). */
export type BreakdownGroup = Exclude<ResponseTimeGroup, 'day' | 'all'>;

export const BREAKDOWN_GROUPS = RESPONSE_TIME_GROUPS.filter((g): g is BreakdownGroup => g !== 'day' && g !== 'all');

export const GROUP_LABELS: Record<BreakdownGroup, { tab: string; column: string; none: string }> = {
  agent: { tab: 'Agents', column: 'Agent', none: 'No agent' },
  team: { tab: 'Teams', column: 'Team', none: 'No team' },
  channel: { tab: 'Channels', column: 'Channel', none: 'No channel' },
};
