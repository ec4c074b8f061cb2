import type { EntityManager } from 'typeorm';
import type { ChannelKind } from '@rapport/shared';
import { splitSecrets } from '../modules/channels/channel-config.js';
import { sealSecrets } from '../modules/channels/channel-secrets.js';
import { ChannelEntity } from '../modules/channels/channel.entity.js';
import type { SecretBox } from '../modules/channels/secret-box.js';
import { TeamEntity } from '../modules/auth/team.entity.js';
import { createDemoSlaPolicies } from './demo-sla.js';
import { SIMULATED_ACCOUNTS } from '../simulator/accounts.js';

/** Demo polls often, so that simulated mentions show up within seconds. */
const DEMO_POLL_SECONDS = 5;

function demoChannels(simulatorUrl: string): Array<{ kind: ChannelKind; name: string; config: Record<string, unknown> }> {
  const a = SIMULATED_ACCOUNTS;
  return [
    { kind: 'facebook', name: 'Facebook: Rapport Care', config: { ...a.facebook, apiBaseUrl: simulatorUrl } },
    { kind: 'instagram', name: 'Instagram: @rapport.care', config: { ...a.instagram, apiBaseUrl: simulatorUrl } },
    { kind: 'whatsapp', name: 'WhatsApp: +1 555 010 0001', config: { ...a.whatsapp, apiBaseUrl: simulatorUrl } },
    { kind: 'x', name: 'X: @RapportCare', config: { userId: a.x.userId, accessToken: a.x.accessToken, pollIntervalSeconds: DEMO_POLL_SECONDS, apiBaseUrl: simulatorUrl } },
    { kind: 'telegram', name: 'Telegram: @RapportCareBot', config: { ...a.telegram, pollIntervalSeconds: DEMO_POLL_SECONDS, apiBaseUrl: simulatorUrl } },
    { kind: 'mastodon', name: 'Mastodon: @rapport_care', config: { instanceUrl: simulatorUrl, accessToken: a.mastodon.accessToken, pollIntervalSeconds: DEMO_POLL_SECONDS, apiBaseUrl: simulatorUrl } },
  ];
}

/**
 * One channel of every platform kind, pointed at the simulator, and the demo SLA policies. Created once;
 * on later starts only `apiBaseUrl` follows the simulator's address.
 */
export async function ensureSimulatedChannels(manager: EntityManager, simulatorUrl: string, box: SecretBox): Promise<void> {
  const repo = manager.getRepository(ChannelEntity);
  const team = await manager.getRepository(TeamEntity).findOneBy({ name: 'Care' });
  const firstRun = (await repo.countBy({ kind: 'facebook' })) === 0;
  for (const demo of demoChannels(simulatorUrl)) {
    const existing = await repo.findOneBy({ kind: demo.kind, name: demo.name });
    const { config, secrets } = splitSecrets(demo.kind, demo.config);
    if (existing) {
      await repo.update({ id: existing.id }, { config: { ...existing.config, apiBaseUrl: simulatorUrl, ...(demo.kind === 'mastodon' ? { instanceUrl: simulatorUrl } : {}) } });
    } else {
      await repo.save(repo.create({ kind: demo.kind, name: demo.name, key: null, config, secrets: sealSecrets(box, secrets), teamId: team?.id ?? null }));
    }
  }
  // Once, with the simulated traffic: countdowns and breaches to look at from the first minute.
  if (firstRun && team) await createDemoSlaPolicies(manager, team.id);
}
