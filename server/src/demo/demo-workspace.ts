import type { EntityManager } from 'typeorm';
import type { Role } from '@rapport/shared';
import type { AppConfig } from '../config/env.js';
import { AuthService } from '../modules/auth/auth.service.js';
import { TeamMemberEntity } from '../modules/auth/team-member.entity.js';
import { TeamEntity } from '../modules/auth/team.entity.js';
import { UserEntity } from '../modules/auth/user.entity.js';
import { openSecrets, sealSecrets } from '../modules/channels/channel-secrets.js';
import { ChannelEntity } from '../modules/channels/channel.entity.js';
import type { SecretBox } from '../modules/channels/secret-box.js';

export const DEMO_PASSWORD = 'rapport-demo';
export const DEMO_API_CHANNEL_KEY = 'demo';

const DEMO_USERS: Array<{ email: string; name: string; role: Role }> = [
  { email: 'agent1@rapport.test', name: 'Alex Moreno', role: 'agent' },
  { email: 'agent2@rapport.test', name: 'Bea Lindqvist', role: 'agent' },
  { email: 'agent3@rapport.test', name: 'Chidi Okafor', role: 'agent' },
  { email: 'agent4@rapport.test', name: 'Dana Kowalski', role: 'agent' },
  { email: 'lead@rapport.test', name: 'Lee Tanaka', role: 'lead' },
  { email: 'manager@rapport.test', name: 'Morgan Reyes', role: 'manager' },
  { email: 'admin@rapport.test', name: 'Ari Admin', role: 'admin' },
];

/**
 * Creates the demo workspace when the database has no users yet: the seven demo users, team "Care"
 * with the four agents (and the lead), and the `demo` API channel. Safe to run on every start.
 */
export async function ensureDemoWorkspace(manager: EntityManager, config: AppConfig, box: SecretBox): Promise<void> {
  if ((await manager.getRepository(UserEntity).count()) === 0) {
    const passwordHash = await AuthService.hashPassword(DEMO_PASSWORD);
    const users = await manager
      .getRepository(UserEntity)
      // Everyone starts English-only with no skills; leads set languages and skills in the Team view.
      .save(DEMO_USERS.map((u) => manager.getRepository(UserEntity).create({ ...u, languages: ['en'], skills: [], autoAssign: u.role === 'agent', passwordHash })));
    const team = await manager.getRepository(TeamEntity).save(manager.getRepository(TeamEntity).create({ name: 'Care' }));
    const members = users.filter((u) => u.role === 'agent' || u.role === 'lead');
    await manager.getRepository(TeamMemberEntity).save(members.map((u) => ({ teamId: team.id, userId: u.id })));
    await manager.getRepository(ChannelEntity).save(
      manager.getRepository(ChannelEntity).create({
        kind: 'api',
        key: DEMO_API_CHANNEL_KEY,
        name: 'Website widget (API)',
        config: { key: DEMO_API_CHANNEL_KEY },
        secrets: sealSecrets(box, { secret: config.API_CHANNEL_SECRET }),
        teamId: team.id,
      }),
    );
  }
  // The demo channel's secret follows API_CHANNEL_SECRET, so changing the environment is enough.
  const demo = await manager
    .getRepository(ChannelEntity)
    .createQueryBuilder('c')
    .select(['c.id', 'c.name'])
    .addSelect('c.secrets')
    .where('c.key = :key AND c.kind = :kind', { key: DEMO_API_CHANNEL_KEY, kind: 'api' })
    .getOne();
  if (!demo) return;
  const secrets = openSecrets(box, demo.secrets, demo);
  if (secrets.secret === config.API_CHANNEL_SECRET) return;
  await manager.getRepository(ChannelEntity).update({ id: demo.id }, { secrets: sealSecrets(box, { ...secrets, secret: config.API_CHANNEL_SECRET }) });
}
