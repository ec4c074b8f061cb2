import type { ChannelKind } from '@rapport/shared';

/**
 * The platform accounts the simulator stands in for. The demo seed creates one Rapport channel of every
 * kind with these values (and `apiBaseUrl` pointing at the simulator), so both sides agree on them.
 */
export const SIMULATED_ACCOUNTS = {
  facebook: { pageId: '104000000000001', pageAccessToken: 'sim-page-token' },
  instagram: { accountId: '17841400000000001', pageId: '104000000000001', pageAccessToken: 'sim-page-token' },
  whatsapp: { phoneNumberId: '106000000000001', accessToken: 'sim-wa-token' },
  x: { userId: '1720000000000000001', accessToken: 'sim-x-token' },
  telegram: { botToken: '7000000001:SIMsimulatedTelegramBotToken' },
  mastodon: { accessToken: 'sim-mastodon-token', account: 'rapport_care' },
  api: { callbackPath: '/api-channel/replies' },
} as const;

/**
 * What the simulated platforms say about the brand's own accounts (names, handles, numbers): shown in the
 * payloads the simulator produces, never needed to configure a channel.
 */
export const SIMULATED_PROFILES = {
  facebook: { pageName: 'Rapport Care' },
  instagram: { username: 'rapport.care' },
  whatsapp: { businessAccountId: '102000000000001', displayPhoneNumber: '15550100001' },
  x: { username: 'RapportCare', name: 'Rapport Care' },
  telegram: {
    botId: 7000000001,
    username: 'RapportCareBot',
    firstName: 'Rapport Care',
    group: { id: -1001700000000001, title: 'Rapport Customers Community', username: 'rapport_customers' },
  },
  mastodon: { accountId: '110000000000000001', displayName: 'Rapport Care', host: 'mastodon.social' },
} as const;

/** The channel kinds the simulator stands in for: every kind Rapport has. */
export const SIMULATED_KINDS = ['facebook', 'instagram', 'whatsapp', 'x', 'telegram', 'mastodon', 'api'] as const satisfies readonly ChannelKind[];

export function isSimulatedKind(value: unknown): value is ChannelKind {
  return typeof value === 'string' && (SIMULATED_KINDS as readonly string[]).includes(value);
}
