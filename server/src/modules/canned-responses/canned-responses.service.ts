import { BadRequestException, ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import type { z } from 'zod';
import type { CannedResponse, createCannedResponseBody, ListCannedResponsesQuery, updateCannedResponseBody } from '@rapport/shared';
import type { AuthUser } from '../auth/auth-user.js';
import type { CannedResponseEntity } from './canned-response.entity.js';
import { CannedResponsesRepository } from './canned-responses.repository.js';
import { cannedScope, mayRead, writeRefusal } from './domain/canned-access.js';

type CreateBody = z.output<typeof createCannedResponseBody>;
type UpdateBody = z.output<typeof updateCannedResponseBody>;

export function toCannedResponseDto(r: CannedResponseEntity): CannedResponse {
  return {
    id: r.id,
    shortcut: r.shortcut,
    title: r.title,
    body: r.body,
    teamId: r.teamId,
    language: r.language,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const isUniqueViolation = (error: unknown): boolean => error instanceof QueryFailedError && (error as { code?: string }).code === '23505';

function taken(shortcut: string, teamId: string | null, holder?: { title: string }): ConflictException {
  const scope = teamId === null ? 'among the replies for every team' : 'in this team';
  return new ConflictException(`The shortcut "/${shortcut}" is taken ${scope}${holder ? ` (by "${holder.title}")` : ''}: pick another`);
}

/** Canned replies: leads (for their teams) and admins write them; everyone reads those they may use. */
@Injectable()
export class CannedResponsesService {
  constructor(private readonly repo: CannedResponsesRepository) {}

  async list(user: AuthUser, query: ListCannedResponsesQuery): Promise<CannedResponse[]> {
    return (await this.repo.list(cannedScope(user, query.teamId), query.q)).map(toCannedResponseDto);
  }

  async get(user: AuthUser, id: string): Promise<CannedResponse> {
    return toCannedResponseDto(await this.visible(user, id));
  }

  async create(user: AuthUser, body: CreateBody): Promise<CannedResponse> {
    this.assertMayWrite(user, body.teamId);
    await this.assertTeam(body.teamId);
    await this.assertShortcutFree(body.shortcut, body.teamId);
    return toCannedResponseDto(await this.saving(body.shortcut, body.teamId, () => this.repo.insert(body)));
  }

  async update(user: AuthUser, id: string, body: UpdateBody): Promise<CannedResponse> {
    const reply = await this.visible(user, id);
    this.assertMayWrite(user, reply.teamId);
    if (body.teamId !== undefined && body.teamId !== reply.teamId) {
      this.assertMayWrite(user, body.teamId);
      await this.assertTeam(body.teamId);
    }
    const changed = Object.assign(reply, Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined))) as CannedResponseEntity;
    await this.assertShortcutFree(changed.shortcut, changed.teamId, changed.id);
    return toCannedResponseDto(await this.saving(changed.shortcut, changed.teamId, () => this.repo.save(changed)));
  }

  async remove(user: AuthUser, id: string): Promise<void> {
    const reply = await this.visible(user, id);
    this.assertMayWrite(user, reply.teamId);
    await this.repo.delete(id);
  }

  private async visible(user: AuthUser, id: string): Promise<CannedResponseEntity> {
    const reply = await this.repo.byId(id);
    if (!reply || !mayRead(user, reply)) throw new NotFoundException('Canned reply not found');
    return reply;
  }

  private assertMayWrite(user: AuthUser, teamId: string | null): void {
    const refusal = writeRefusal(user, teamId);
    if (refusal) throw new ForbiddenException(refusal);
  }

  private async assertTeam(teamId: string | null): Promise<void> {
    if (teamId && !(await this.repo.teamExists(teamId))) throw new BadRequestException('teamId: that team does not exist');
  }

  private async assertShortcutFree(shortcut: string, teamId: string | null, exceptId?: string): Promise<void> {
    const holder = await this.repo.holderOf(shortcut, teamId, exceptId);
    if (holder) throw taken(shortcut, teamId, holder);
  }

  /** Two writers racing for one shortcut: the unique index decides, and the loser hears why. */
  private async saving(shortcut: string, teamId: string | null, write: () => Promise<CannedResponseEntity>): Promise<CannedResponseEntity> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error)) throw taken(shortcut, teamId);
      throw error;
    }
  }
}
