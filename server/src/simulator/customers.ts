import type { ChannelKind } from '@rapport/shared';
import { SIMULATED_ACCOUNTS, SIMULATED_PROFILES } from './accounts.js';
import { randomToken, stableDigits } from './ids.js';
import { findPersona, isLanguage, type Language, type Mood } from './scenarios.js';
import type { TelegramMessage } from './telegram-api.js';

export interface CustomerMessage {
  /** Same id → same person (same PSID, wa_id, user id…). Default: derived from `name`, else a new person. */
  customerId?: string;
  name?: string;
  text: string;
  /** Comment / mention / group post instead of a private message (facebook, instagram, x, telegram, mastodon). */
  public?: boolean;
  /** Telegram language_code, follow-up language (default: the persona's, else en). */
  language?: string;
  /** Username on X, Telegram, Mastodon, Instagram. */
  handle?: string;
}

export interface CustomerSaid {
  /** The platform id of the new message (mid, comment id, wamid, tweet / DM event id, message_id, status id, API id). */
  externalId: string;
  /** The customer's platform id. */
  senderId: string;
  /** Webhook kinds: Rapport answered 2xx. Polled kinds: queued for the poller (always true). */
  delivered: boolean;
}

export interface SimCustomer {
  kind: ChannelKind;
  key: string;
  name: string;
  handle: string;
  language: Language;
  mood: Mood;
  platformId: string;
  /** Facebook: the page post they comment on; Instagram: the media. */
  postId: string;
  /** Mastodon: acct (`user` or `user@host`) and host. */
  acct: string;
  host: string;
  /** WhatsApp conversation id for the status webhooks. */
  conversationId: string;
}

/** Where a customer's follow-up goes: the thread of the reply they answer. */
export type ThreadHint =
  | { type: 'dm' }
  | { type: 'comment'; postId: string; parentId: string }
  | { type: 'x-mention'; replyToTweetId: string; conversationId: string }
  | { type: 'telegram'; chatId: string; replyTo: TelegramMessage | null }
  | { type: 'mastodon'; inReplyToId: string; inReplyToAccountId: string; visibility: string };

const DEFAULT_NAMES = ['Sam Taylor', 'Noor Haddad', 'Elif Demir', 'Ravi Kumar', 'Sofia Rossi', 'Lukas Meyer', 'Inés Ruiz', 'Ama Owusu', 'Kenji Sato', 'Olga Nowak'];
const REMOTE_MASTODON_HOSTS = ['fosstodon.org', 'hachyderm.io', 'mstdn.social'];

function slug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

function platformIdFor(kind: ChannelKind, seed: string, language: Language, key: string): string {
  switch (kind) {
    case 'facebook':
      return `7${stableDigits(seed, 15)}`;
    case 'instagram':
      return `1${stableDigits(seed, 15)}`;
    case 'whatsapp': {
      // Mobile numbers of the customer's country, as wa_id (digits only).
      const plans: Record<Language, [string, number]> = { en: ['447700', 12], es: ['346', 11], fr: ['336', 11], de: ['4915', 13], pt: ['55119', 13], it: ['393', 12] };
      const [prefix, length] = plans[language];
      return `${prefix}${stableDigits(seed, length - prefix.length)}`;
    }
    case 'x':
      return `1${stableDigits(seed, 18)}`;
    case 'telegram':
      return String(5_000_000_000 + Number(stableDigits(seed, 9)));
    case 'mastodon':
      return `11${stableDigits(seed, 16)}`;
    case 'api':
      return key.startsWith('anonymous:') || key.startsWith('name:') ? `cust_${stableDigits(seed, 10)}` : key.slice(0, 200);
  }
}

/** Everyone who has written, per channel kind: the same key is the same person with the same platform ids. */
export class CustomerRegistry {
  private readonly byKey = new Map<string, SimCustomer>();
  private readonly byPlatformId = new Map<string, SimCustomer>();
  /** The page posts and Instagram media customers comment on. */
  private readonly posts = new Map<string, 'facebook' | 'instagram'>();

  get size(): number {
    return this.byKey.size;
  }

  /** The customer `input` speaks as: known by key, else new (with a persona's details when the key names one). */
  resolve(kind: ChannelKind, input: CustomerMessage): SimCustomer {
    const key = input.customerId?.trim() || (input.name?.trim() ? `name:${input.name.trim()}` : `anonymous:${randomToken(9)}`);
    const existing = this.byKey.get(`${kind}:${key}`);
    if (existing) {
      if (input.name?.trim()) existing.name = input.name.trim();
      if (isLanguage(input.language)) existing.language = input.language;
      return existing;
    }
    const persona = findPersona(key);
    const name = input.name?.trim() || persona?.name || DEFAULT_NAMES[Number(stableDigits(`name:${key}`, 4)) % DEFAULT_NAMES.length] || 'Sam Taylor';
    const language: Language = isLanguage(input.language) ? input.language : (persona?.language ?? 'en');
    const handle = (input.handle?.trim() || persona?.handle || `${slug(name)}${stableDigits(`handle:${key}`, 2)}`).replace(/^@/, '');
    const seed = `${kind}:${key}`;
    const remote = kind === 'mastodon' && Number(stableDigits(`remote:${seed}`, 2)) < 40;
    const host = remote ? (REMOTE_MASTODON_HOSTS[Number(stableDigits(`host:${seed}`, 2)) % REMOTE_MASTODON_HOSTS.length] ?? 'fosstodon.org') : SIMULATED_PROFILES.mastodon.host;
    const mastodonUsername = slug(handle).replace(/_+/g, '_') || 'customer';
    const customer: SimCustomer = {
      kind,
      key,
      name,
      handle: kind === 'mastodon' ? mastodonUsername : handle,
      language,
      mood: persona?.mood ?? 'calm',
      platformId: platformIdFor(kind, seed, language, key),
      postId:
        kind === 'instagram'
          ? `179${stableDigits(`media:${seed}`, 14)}`
          : `${SIMULATED_ACCOUNTS.facebook.pageId}_${stableDigits(`post:${seed}`, 15)}`,
      acct: remote ? `${mastodonUsername}@${host}` : mastodonUsername,
      host,
      conversationId: randomToken(16, 'hex'),
    };
    this.byKey.set(`${kind}:${key}`, customer);
    this.byPlatformId.set(`${kind}:${customer.platformId}`, customer);
    if (kind === 'facebook' || kind === 'instagram') this.posts.set(customer.postId, kind);
    return customer;
  }

  byId(kind: ChannelKind, platformId: string | undefined): SimCustomer | null {
    if (!platformId) return null;
    return this.byPlatformId.get(`${kind}:${platformId}`) ?? null;
  }

  /** The first customer, in order of arrival, that matches. */
  find(predicate: (customer: SimCustomer) => boolean): SimCustomer | undefined {
    for (const customer of this.byKey.values()) if (predicate(customer)) return customer;
    return undefined;
  }

  /** Which platform a customer's post or media belongs to. */
  postKind(postId: string): 'facebook' | 'instagram' | undefined {
    return this.posts.get(postId);
  }
}
