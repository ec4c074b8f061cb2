/** Mastodon's REST entities (Account, Mention, Status) for the brand's account (null) and simulated customers. */
import { SIMULATED_ACCOUNTS, SIMULATED_PROFILES } from './accounts.js';
import type { SimCustomer } from './customers.js';
import { stableDigits } from './ids.js';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export function mastodonAccount(customer: SimCustomer | null): Record<string, unknown> {
  const host = customer ? customer.host : SIMULATED_PROFILES.mastodon.host;
  const username = customer ? customer.handle : SIMULATED_ACCOUNTS.mastodon.account;
  const id = customer ? customer.platformId : SIMULATED_PROFILES.mastodon.accountId;
  const avatar = `https://files.mastodon.social/accounts/avatars/${id.slice(0, 3)}/${id.slice(3, 6)}/${id.slice(6, 9)}/original/${stableDigits(`avatar:${id}`, 16)}.png`;
  return {
    id,
    username,
    acct: customer ? customer.acct : username,
    display_name: customer ? customer.name : SIMULATED_PROFILES.mastodon.displayName,
    locked: false,
    bot: false,
    discoverable: true,
    indexable: false,
    group: false,
    created_at: '2023-04-18T00:00:00.000Z',
    note: customer ? '' : '<p>Official Rapport customer care.</p>',
    url: `https://${host}/@${username}`,
    uri: `https://${host}/users/${username}`,
    avatar,
    avatar_static: avatar,
    header: 'https://mastodon.social/headers/original/missing.png',
    header_static: 'https://mastodon.social/headers/original/missing.png',
    followers_count: customer ? 40 + Number(stableDigits(`followers:${id}`, 3)) : 12034,
    following_count: customer ? 120 : 3,
    statuses_count: customer ? 600 : 8840,
    last_status_at: new Date().toISOString().slice(0, 10),
    emojis: [],
    fields: [],
  };
}

export function mentionOf(account: Record<string, unknown>): Record<string, unknown> {
  return { id: account.id, username: account.username, url: account.url, acct: account.acct };
}

/** How a mention of `account` reads in a status's HTML content. */
export function mentionHtml(account: Record<string, unknown>): string {
  return `<span class="h-card" translate="no"><a href="${String(account.url)}" class="u-url mention">@<span>${String(account.username)}</span></a></span>`;
}

export function mastodonStatus(
  id: string,
  author: SimCustomer | null,
  contentHtml: string,
  visibility: string,
  inReplyTo: { id: string; accountId: string } | null,
  mentions: Array<Record<string, unknown>>,
  language: string,
): Record<string, unknown> {
  const account = mastodonAccount(author);
  const host = author ? author.host : SIMULATED_PROFILES.mastodon.host;
  return {
    id,
    created_at: new Date().toISOString(),
    in_reply_to_id: inReplyTo?.id ?? null,
    in_reply_to_account_id: inReplyTo?.accountId ?? null,
    sensitive: false,
    spoiler_text: '',
    visibility,
    language,
    uri: `https://${host}/users/${String(account.username)}/statuses/${id}`,
    url: `https://${host}/@${String(account.username)}/${id}`,
    replies_count: 0,
    reblogs_count: 0,
    favourites_count: 0,
    quotes_count: 0,
    edited_at: null,
    favourited: false,
    reblogged: false,
    muted: false,
    bookmarked: false,
    content: contentHtml,
    filtered: [],
    reblog: null,
    account,
    media_attachments: [],
    mentions,
    tags: [],
    emojis: [],
    quote: null,
    card: null,
    poll: null,
  };
}
