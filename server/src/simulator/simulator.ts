/**
 * The platform simulator: one local HTTP server that stands in for the Graph API (Messenger, Instagram,
 * WhatsApp), X API v2, the Telegram Bot API and Mastodon, speaking the wire formats documented in
 * shared/fixtures/channels/README.md, plus a callback endpoint for the generic API channel. It plays the
 * customers too: signed webhooks to Rapport, updates queued for Rapport's pollers, scenario traffic, and
 * follow-ups when an agent's reply reaches it.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChannelKind } from '@rapport/shared';
import { hmacSha256Hex, safeEqual } from '../modules/channels/signature.js';
import { SIMULATED_ACCOUNTS, SIMULATED_PROFILES } from './accounts.js';
import { BodyTooLargeError, bearerToken, headerOf, int, isRecord, metaJson, paramsOf, parseBody, readBody, sendJson, str, type Params } from './http-util.js';
import { IdClock, compareIds, isDecimalId, randomDigits, randomToken, stableDigits } from './ids.js';
import {
  FAULTS,
  faultAnswer,
  graphError,
  graphInvalidToken,
  mastodonError,
  telegramError,
  xProblem,
  type Fault,
  type PlatformAnswer,
} from './platform-errors.js';
import { findPersona, followUpMessage, isLanguage, nextCustomerMessage, type Language, type Mood } from './scenarios.js';

export type { Fault } from './platform-errors.js';

export const SIMULATED_KINDS = ['facebook', 'instagram', 'whatsapp', 'x', 'telegram', 'mastodon', 'api'] as const satisfies readonly ChannelKind[];

export interface SimulatorOptions {
  /** 0 = a free port (default). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Where Rapport listens: webhooks go to `${rapportUrl}/webhooks/...`. */
  rapportUrl: string;
  secrets: { metaAppSecret: string; xConsumerSecret: string; apiChannelSecret: string; apiChannelKey: string };
  /** Scenario traffic; absent or false = none until `setTrafficRate`. */
  traffic?: { messagesPerMinute: number } | false;
  /** Seedable randomness for the scenarios and the customers' behaviour (default Math.random). */
  random?: () => number;
  log?: (line: string) => void;
  /** Chance that a customer answers an agent's reply while traffic runs (default 0.5). */
  followUpProbability?: number;
  /** Delays, shortened by tests. */
  timing?: {
    /** Between the WhatsApp sent → delivered → read statuses (default 1000–2000 ms). */
    statusStepMs?: readonly [number, number];
    /** Before a customer's follow-up (default 3000–8000 ms). */
    followUpMs?: readonly [number, number];
    /** Waits between webhook delivery attempts (default 0.5, 1, 2, 4, 8, 15 s). */
    webhookRetryMs?: readonly number[];
  };
}

/** A reply one of the stand-in APIs accepted. */
export interface SentReply {
  kind: ChannelKind;
  /** The customer's platform id (PSID, wa_id, X user id, chat id, Mastodon account id, API customer id). */
  to: string;
  text: string;
  /** The customer message / comment / post it answers, when the request said so. */
  inReplyTo: string | null;
  /** Request path (no query string). */
  path: string;
  body: unknown;
  at: string;
  /** The platform id the simulator gave the reply. */
  id: string;
  public: boolean;
}

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

export type FaultTarget = 'send' | 'poll';

export interface Simulator {
  url: string;
  close(): Promise<void>;
  customerSays(kind: ChannelKind, message: CustomerMessage): Promise<CustomerSaid>;
  /** Every reply the stand-in APIs accepted, oldest first (the last 1000). */
  sent: SentReply[];
  /** The next `times` (default 1) sends — or polls, with target 'poll' — of `kind` answer with `fault`. */
  failNext(kind: ChannelKind, fault: Fault, times?: number, target?: FaultTarget): void;
  setTrafficRate(messagesPerMinute: number): void;
}

// ---------------------------------------------------------------------------------------------------------
// Internal records

interface SimCustomer {
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

type ThreadHint =
  | { type: 'dm' }
  | { type: 'comment'; postId: string; parentId: string }
  | { type: 'x-mention'; replyToTweetId: string; conversationId: string }
  | { type: 'telegram'; chatId: string; replyTo: TelegramMessage | null }
  | { type: 'mastodon'; inReplyToId: string; inReplyToAccountId: string; visibility: string };

interface CommentRecord {
  kind: 'facebook' | 'instagram';
  postId: string;
  parentId: string;
  /** Null for the page's own replies. */
  author: SimCustomer | null;
}

interface TweetRecord {
  /** The v2 Post object, all fields. */
  data: Record<string, unknown>;
  author: SimCustomer | null;
  conversationId: string;
}

type TelegramMessage = Record<string, unknown> & { message_id: number; chat: Record<string, unknown> & { id: number } };

interface TelegramMessageRecord {
  message: TelegramMessage;
  author: SimCustomer | null;
}

interface TelegramUpdate {
  update_id: number;
  message: TelegramMessage;
}

interface MastodonStatusRecord {
  status: Record<string, unknown>;
  author: SimCustomer | null;
}

interface Notification {
  id: string;
  body: Record<string, unknown>;
}

interface PendingPoll {
  finish(outcome: 'update' | 'conflict' | 'closed' | 'timeout'): void;
}

const KEEP = 5000;
const SENT_KEEP = 1000;
const GRAPH_PATH = /^\/(?:v\d+(?:\.\d+)?\/)?([^/]+)(?:\/(messages|comments|replies))?$/;
const TELEGRAM_PATH = /^\/bot([^/]+)\/([A-Za-z]+)$/;
const X_MENTIONS_PATH = /^\/2\/users\/([^/]+)\/mentions$/;
const X_DM_PATH = /^\/2\/dm_conversations\/with\/([^/]+)\/messages$/;
const DEFAULT_NAMES = ['Sam Taylor', 'Noor Haddad', 'Elif Demir', 'Ravi Kumar', 'Sofia Rossi', 'Lukas Meyer', 'Inés Ruiz', 'Ama Owusu', 'Kenji Sato', 'Olga Nowak'];
const REMOTE_MASTODON_HOSTS = ['fosstodon.org', 'hachyderm.io', 'mstdn.social'];
const CITIES: Record<Language, string> = { en: 'Leeds, UK', es: 'Sevilla, España', fr: 'Lyon, France', de: 'Köln, Deutschland', pt: 'São Paulo, Brasil', it: 'Torino, Italia' };
const X_APP = { id: '3033300', name: 'Twitter Web App', url: 'https://mobile.twitter.com' };

function remember<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.set(key, value);
  if (map.size > KEEP) {
    const oldest = map.keys().next();
    if (!oldest.done) map.delete(oldest.value);
  }
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function slug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString();
}

/** Graph's `updated_time` format: 2026-08-20T08:20:09+0000. */
function graphTime(ms: number): string {
  return isoSeconds(ms).replace('.000Z', '+0000');
}

/** A rolling quota with the platform's rate-limit headers. */
class RateWindow {
  private start = 0;
  private count = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  hit(now: number): { allowed: boolean; remaining: number; resetMs: number } {
    if (now - this.start >= this.windowMs) {
      this.start = now;
      this.count = 0;
    }
    this.count += 1;
    return { allowed: this.count <= this.limit, remaining: Math.max(0, this.limit - this.count), resetMs: this.start + this.windowMs };
  }
}

// ---------------------------------------------------------------------------------------------------------

class PlatformSimulator implements Simulator {
  url = '';
  readonly sent: SentReply[] = [];

  private readonly server: Server;
  private readonly random: () => number;
  private readonly logLine: (line: string) => void;
  private readonly ids = new IdClock();
  private readonly rapportUrl: string;
  private readonly statusStepMs: readonly [number, number];
  private readonly followUpMs: readonly [number, number];
  private readonly webhookRetryMs: readonly number[];
  private readonly followUpProbability: number;

  private closed = false;
  private readonly closeController = new AbortController();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly sleepers = new Set<() => void>();
  private trafficRate: number;
  private trafficTimer: NodeJS.Timeout | null = null;
  private readonly seenPersonas = new Set<string>();

  private readonly customers = new Map<string, SimCustomer>();
  private readonly customersById = new Map<string, SimCustomer>();
  private readonly faults = new Map<string, Array<{ fault: Fault; remaining: number }>>();
  private readonly comments = new Map<string, CommentRecord>();
  /** The page posts and Instagram media customers comment on. */
  private readonly posts = new Map<string, 'facebook' | 'instagram'>();
  private readonly tweets = new Map<string, TweetRecord>();
  private readonly xMentions: string[] = [];
  private readonly telegramUpdates: TelegramUpdate[] = [];
  private readonly telegramMessages = new Map<string, TelegramMessageRecord>();
  private readonly telegramChats = new Map<string, Record<string, unknown> & { id: number }>();
  private pendingPoll: PendingPoll | null = null;
  private readonly notifications: Notification[] = [];
  private readonly statuses = new Map<string, MastodonStatusRecord>();
  private readonly idempotency = new Map<string, { status: Record<string, unknown>; at: number }>();
  private readonly xMentionsWindow = new RateWindow(450, 15 * 60_000);
  private readonly xTweetsWindow = new RateWindow(100, 15 * 60_000);
  private readonly xDmWindow = new RateWindow(1440, 24 * 3_600_000);
  private readonly mastodonWindow = new RateWindow(300, 5 * 60_000);
  private readonly stats = { webhooksDelivered: 0, webhooksRejected: 0, webhooksFailed: 0, customerMessages: 0, followUps: 0 };

  constructor(private readonly options: SimulatorOptions) {
    this.random = options.random ?? Math.random;
    this.logLine = options.log ?? (() => undefined);
    this.rapportUrl = options.rapportUrl.replace(/\/+$/, '');
    this.statusStepMs = options.timing?.statusStepMs ?? [1000, 2000];
    this.followUpMs = options.timing?.followUpMs ?? [3000, 8000];
    this.webhookRetryMs = options.timing?.webhookRetryMs ?? [500, 1000, 2000, 4000, 8000, 15000];
    this.followUpProbability = options.followUpProbability ?? 0.5;
    this.trafficRate = options.traffic ? Math.max(0, options.traffic.messagesPerMinute) : 0;
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        this.log(`! ${req.method ?? '?'} ${req.url ?? ''} failed: ${err instanceof Error ? err.message : String(err)}`);
        if (!res.headersSent) sendJson(res, 500, { error: 'simulator error' });
        else res.end();
      });
    });
  }

  async listen(port: number, host: string): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const address = this.server.address() as AddressInfo;
    const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    this.url = `http://${shownHost === '0.0.0.0' || shownHost === '[::]' ? '127.0.0.1' : shownHost}:${address.port}`;
    this.log(`platform simulator listening on ${this.url}, webhooks to ${this.rapportUrl}`);
    this.scheduleTraffic();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.closeController.abort();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.trafficTimer = null;
    for (const wake of [...this.sleepers]) wake();
    this.sleepers.clear();
    this.pendingPoll?.finish('closed');
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    this.log('platform simulator stopped');
  }

  // -------------------------------------------------------------------------------------------------------
  // Timers

  private log(line: string): void {
    try {
      this.logLine(line);
    } catch {
      // A broken logger must not take the simulator down.
    }
  }

  private later(ms: number, fn: () => void): NodeJS.Timeout | null {
    if (this.closed) return null;
    // setTimeout fires at once beyond 2^31-1 ms: clamp very long waits (a tiny traffic rate) instead.
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        if (!this.closed) fn();
      },
      Math.min(2_147_483_647, Math.max(0, ms)),
    );
    timer.unref();
    this.timers.add(timer);
    return timer;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.closed) return resolve();
      const wake = (): void => {
        this.sleepers.delete(wake);
        resolve();
      };
      this.sleepers.add(wake);
      const timer = setTimeout(wake, ms);
      timer.unref();
    });
  }

  private between([min, max]: readonly [number, number]): number {
    return min + Math.floor(this.random() * (Math.max(min, max) - min + 1));
  }

  // -------------------------------------------------------------------------------------------------------
  // Traffic

  setTrafficRate(messagesPerMinute: number): void {
    this.trafficRate = Number.isFinite(messagesPerMinute) ? Math.max(0, messagesPerMinute) : 0;
    this.log(`traffic: ${this.trafficRate} messages per minute`);
    this.scheduleTraffic();
  }

  private scheduleTraffic(): void {
    if (this.trafficTimer) {
      clearTimeout(this.trafficTimer);
      this.timers.delete(this.trafficTimer);
      this.trafficTimer = null;
    }
    if (this.trafficRate <= 0 || this.closed) return;
    const mean = 60_000 / this.trafficRate;
    this.trafficTimer = this.later(mean * (0.5 + this.random()), () => {
      this.trafficTimer = null;
      this.emitTraffic();
      this.scheduleTraffic();
    });
  }

  private emitTraffic(): void {
    const message = nextCustomerMessage(this.random, this.seenPersonas);
    this.seenPersonas.add(message.personaId);
    const tags = [message.language, message.topic, message.mood, message.public ? 'public' : 'private', ...(message.returning ? ['returning'] : [])];
    this.log(`traffic: ${message.name} on ${message.kind} (${tags.join(', ')})`);
    this.say(message.kind, {
      customerId: message.personaId,
      name: message.name,
      handle: message.handle,
      language: message.language,
      text: message.text,
      public: message.public,
    }).catch((err: unknown) => this.log(`! traffic message failed: ${err instanceof Error ? err.message : String(err)}`));
  }

  private maybeFollowUp(customer: SimCustomer | null, thread: ThreadHint): void {
    if (!customer || this.trafficRate <= 0 || this.closed) return;
    if (this.random() >= this.followUpProbability) return;
    const { kind, text } = followUpMessage(this.random, customer.language, customer.mood);
    const delay = this.between(this.followUpMs);
    this.later(delay, () => {
      this.stats.followUps += 1;
      this.log(`follow-up (${kind}) from ${customer.name} on ${customer.kind}`);
      this.say(customer.kind, { customerId: customer.key, text, public: thread.type !== 'dm' }, thread).catch((err: unknown) =>
        this.log(`! follow-up failed: ${err instanceof Error ? err.message : String(err)}`),
      );
    });
  }

  // -------------------------------------------------------------------------------------------------------
  // Faults

  failNext(kind: ChannelKind, fault: Fault, times = 1, target: FaultTarget = 'send'): void {
    if (!(SIMULATED_KINDS as readonly string[]).includes(kind)) throw new Error(`unknown channel kind ${String(kind)}`);
    if (!(FAULTS as readonly string[]).includes(fault)) throw new Error(`unknown fault ${String(fault)}`);
    const key = `${kind}:${target}`;
    const queue = this.faults.get(key) ?? [];
    queue.push({ fault, remaining: Math.max(1, Math.floor(times)) });
    this.faults.set(key, queue);
    this.log(`fault armed: next ${times} ${target}(s) on ${kind} → ${fault}`);
  }

  /** Consumes an armed fault for this request, if any, and answers with it. */
  private takeFault(kind: ChannelKind, target: FaultTarget, res: ServerResponse): boolean {
    const queue = this.faults.get(`${kind}:${target}`);
    const head = queue?.[0];
    if (!queue || !head) return false;
    head.remaining -= 1;
    if (head.remaining <= 0) queue.shift();
    const answer = faultAnswer(kind, head.fault);
    this.log(`fault: ${kind} ${target} → ${head.fault} (HTTP ${answer.status})`);
    this.answer(res, answer);
    return true;
  }

  private answer(res: ServerResponse, answer: PlatformAnswer): void {
    sendJson(res, answer.status, answer.body, answer.headers ?? {});
  }

  // -------------------------------------------------------------------------------------------------------
  // Customers

  private customerFor(kind: ChannelKind, input: CustomerMessage): SimCustomer {
    const key = input.customerId?.trim() || (input.name?.trim() ? `name:${input.name.trim()}` : `anonymous:${randomToken(9)}`);
    const existing = this.customers.get(`${kind}:${key}`);
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
      platformId: this.platformIdFor(kind, seed, language, key),
      postId:
        kind === 'instagram'
          ? `179${stableDigits(`media:${seed}`, 14)}`
          : `${SIMULATED_ACCOUNTS.facebook.pageId}_${stableDigits(`post:${seed}`, 15)}`,
      acct: remote ? `${mastodonUsername}@${host}` : mastodonUsername,
      host,
      conversationId: randomToken(16, 'hex'),
    };
    this.customers.set(`${kind}:${key}`, customer);
    this.customersById.set(`${kind}:${customer.platformId}`, customer);
    if (kind === 'facebook' || kind === 'instagram') this.posts.set(customer.postId, kind);
    return customer;
  }

  private platformIdFor(kind: ChannelKind, seed: string, language: Language, key: string): string {
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

  private customerById(kind: ChannelKind, platformId: string | undefined): SimCustomer | null {
    if (!platformId) return null;
    return this.customersById.get(`${kind}:${platformId}`) ?? null;
  }

  async customerSays(kind: ChannelKind, message: CustomerMessage): Promise<CustomerSaid> {
    if (!(SIMULATED_KINDS as readonly string[]).includes(kind)) throw new Error(`unknown channel kind ${String(kind)}`);
    if (typeof message.text !== 'string') throw new Error('text is required');
    return this.say(kind, message);
  }

  private async say(kind: ChannelKind, message: CustomerMessage, thread?: ThreadHint): Promise<CustomerSaid> {
    const customer = this.customerFor(kind, message);
    this.stats.customerMessages += 1;
    const isPublic = message.public === true;
    switch (kind) {
      case 'facebook':
        return isPublic ? this.sayFacebookComment(customer, message.text, thread) : this.sayMessaging(customer, message.text);
      case 'instagram':
        return isPublic ? this.sayInstagramComment(customer, message.text, thread) : this.sayMessaging(customer, message.text);
      case 'whatsapp':
        return this.sayWhatsApp(customer, message.text);
      case 'x':
        return isPublic ? this.sayXMention(customer, message.text, thread) : this.sayXDm(customer, message.text);
      case 'telegram':
        return this.sayTelegram(customer, message.text, isPublic, thread);
      case 'mastodon':
        return this.sayMastodon(customer, message.text, isPublic, thread);
      case 'api':
        return this.sayApi(customer, message.text);
    }
  }

  // -------------------------------------------------------------------------------------------------------
  // Webhooks to Rapport

  /** POSTs `body` (the exact bytes that were signed), retrying on 5xx / unreachable; never throws. */
  private async deliver(path: string, body: string, headers: Record<string, string>, label: string): Promise<boolean> {
    const url = `${this.rapportUrl}${path}`;
    for (let attempt = 0; ; attempt += 1) {
      if (this.closed) return false;
      let problem: string;
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': 'rapport-platform-simulator', ...headers },
          body,
          signal: AbortSignal.any([this.closeController.signal, AbortSignal.timeout(10_000)]),
        });
        await response.arrayBuffer().catch(() => undefined);
        if (response.ok) {
          this.stats.webhooksDelivered += 1;
          this.log(`→ ${label}: POST ${path} ${response.status}`);
          return true;
        }
        problem = `HTTP ${response.status}`;
        if (response.status < 500 && response.status !== 408 && response.status !== 429) {
          this.stats.webhooksRejected += 1;
          this.log(`! ${label}: POST ${path} rejected with ${problem}`);
          return false;
        }
      } catch (err) {
        if (this.closed) return false;
        const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
        problem = `${err instanceof Error ? err.message : String(err)}${cause}`;
      }
      const delay = this.webhookRetryMs[attempt];
      if (delay === undefined) {
        this.stats.webhooksFailed += 1;
        this.log(`! ${label}: POST ${path} failed (${problem}); gave up after ${attempt + 1} attempts`);
        return false;
      }
      this.log(`… ${label}: POST ${path} failed (${problem}); retrying in ${delay} ms`);
      await this.sleep(delay);
    }
  }

  private deliverMeta(path: '/webhooks/meta' | '/webhooks/whatsapp', payload: unknown, label: string): Promise<boolean> {
    const body = metaJson(payload);
    const secret = this.options.secrets.metaAppSecret;
    return this.deliver(
      path,
      body,
      {
        'x-hub-signature-256': `sha256=${hmacSha256Hex(secret, body)}`,
        'x-hub-signature': `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`,
      },
      label,
    );
  }

  // -------------------------------------------------------------------------------------------------------
  // Customers speaking, per platform

  private async sayMessaging(customer: SimCustomer, text: string): Promise<CustomerSaid> {
    const now = Date.now();
    const instagram = customer.kind === 'instagram';
    const recipient = instagram ? SIMULATED_ACCOUNTS.instagram.accountId : SIMULATED_ACCOUNTS.facebook.pageId;
    const mid = instagram ? `aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlE${randomToken(96)}` : `m_${randomToken(57)}`;
    const payload = {
      object: instagram ? 'instagram' : 'page',
      entry: [
        {
          time: now,
          id: recipient,
          messaging: [{ sender: { id: customer.platformId }, recipient: { id: recipient }, timestamp: now, message: { mid, text } }],
        },
      ],
    };
    const delivered = await this.deliverMeta('/webhooks/meta', payload, `${customer.kind} DM from ${customer.name}`);
    return { externalId: mid, senderId: customer.platformId, delivered };
  }

  private async sayFacebookComment(customer: SimCustomer, text: string, thread?: ThreadHint): Promise<CustomerSaid> {
    const now = Date.now();
    const postId = thread?.type === 'comment' ? thread.postId : customer.postId;
    const parentId = thread?.type === 'comment' ? thread.parentId : postId;
    const postObject = postId.split('_').pop() ?? postId;
    const commentId = `${postObject}_${randomDigits(16)}`;
    remember(this.comments, commentId, { kind: 'facebook', postId, parentId, author: customer });
    const seconds = Math.floor(now / 1000);
    const payload = {
      entry: [
        {
          id: SIMULATED_ACCOUNTS.facebook.pageId,
          time: seconds,
          changes: [
            {
              value: {
                from: { id: customer.platformId, name: customer.name },
                post: { status_type: 'added_photos', is_published: true, updated_time: graphTime(now), promotion_status: 'inactive', id: postId },
                message: text,
                post_id: postId,
                comment_id: commentId,
                created_time: seconds,
                item: 'comment',
                parent_id: parentId,
                verb: 'add',
              },
              field: 'feed',
            },
          ],
        },
      ],
      object: 'page',
    };
    const delivered = await this.deliverMeta('/webhooks/meta', payload, `facebook comment from ${customer.name}`);
    return { externalId: commentId, senderId: customer.platformId, delivered };
  }

  private async sayInstagramComment(customer: SimCustomer, text: string, thread?: ThreadHint): Promise<CustomerSaid> {
    const now = Date.now();
    const mediaId = thread?.type === 'comment' ? thread.postId : customer.postId;
    const parentId = thread?.type === 'comment' ? thread.parentId : null;
    const commentId = `178${randomDigits(14)}`;
    remember(this.comments, commentId, { kind: 'instagram', postId: mediaId, parentId: parentId ?? mediaId, author: customer });
    const payload = {
      entry: [
        {
          id: SIMULATED_ACCOUNTS.instagram.accountId,
          time: Math.floor(now / 1000),
          changes: [
            {
              value: {
                from: { id: customer.platformId, username: customer.handle },
                media: { id: mediaId, media_product_type: 'FEED' },
                id: commentId,
                ...(parentId ? { parent_id: parentId } : {}),
                text,
              },
              field: 'comments',
            },
          ],
        },
      ],
      object: 'instagram',
    };
    const delivered = await this.deliverMeta('/webhooks/meta', payload, `instagram comment from ${customer.name}`);
    return { externalId: commentId, senderId: customer.platformId, delivered };
  }

  private whatsappEnvelope(value: Record<string, unknown>): unknown {
    return {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: SIMULATED_PROFILES.whatsapp.businessAccountId,
          changes: [
            {
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: SIMULATED_PROFILES.whatsapp.displayPhoneNumber, phone_number_id: SIMULATED_ACCOUNTS.whatsapp.phoneNumberId },
                ...value,
              },
              field: 'messages',
            },
          ],
        },
      ],
    };
  }

  private async sayWhatsApp(customer: SimCustomer, text: string): Promise<CustomerSaid> {
    const wamid = `wamid.HBgM${randomToken(48, 'base64')}`;
    const payload = this.whatsappEnvelope({
      contacts: [{ profile: { name: customer.name }, wa_id: customer.platformId }],
      messages: [{ from: customer.platformId, id: wamid, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: text } }],
    });
    const delivered = await this.deliverMeta('/webhooks/whatsapp', payload, `whatsapp message from ${customer.name}`);
    return { externalId: wamid, senderId: customer.platformId, delivered };
  }

  private xUser(customer: SimCustomer): { id: string; name: string; username: string } {
    return { id: customer.platformId, name: customer.name, username: customer.handle };
  }

  private async sayXDm(customer: SimCustomer, text: string): Promise<CustomerSaid> {
    const now = Date.now();
    const us = SIMULATED_ACCOUNTS.x.userId;
    const eventId = this.ids.tweetId();
    const payload = {
      for_user_id: us,
      direct_message_events: [
        {
          type: 'message_create',
          id: eventId,
          created_timestamp: String(now),
          message_create: {
            target: { recipient_id: us },
            sender_id: customer.platformId,
            source_app_id: X_APP.id,
            message_data: { text, entities: { hashtags: [], symbols: [], user_mentions: [], urls: [] } },
          },
        },
      ],
      apps: { [X_APP.id]: X_APP },
      users: {
        [customer.platformId]: {
          id: customer.platformId,
          created_timestamp: '1583235730000',
          name: customer.name,
          screen_name: customer.handle,
          location: CITIES[customer.language],
          description: '',
          protected: false,
          verified: false,
          followers_count: 100 + Number(stableDigits(`followers:${customer.key}`, 3)),
          friends_count: 150,
          statuses_count: 1200,
          profile_image_url_https: `https://pbs.twimg.com/profile_images/${stableDigits(`avatar:${customer.key}`, 19)}/avatar_normal.jpg`,
        },
        [us]: {
          id: us,
          created_timestamp: '1642067200000',
          name: SIMULATED_PROFILES.x.name,
          screen_name: SIMULATED_PROFILES.x.username,
          location: 'Manchester, UK',
          description: 'Official Rapport customer care.',
          url: 'https://t.co/RapportCare',
          protected: false,
          verified: true,
          followers_count: 58231,
          friends_count: 12,
          statuses_count: 40211,
          profile_image_url_https: 'https://pbs.twimg.com/profile_images/1482233445566778899/rapport_normal.jpg',
        },
      },
    };
    const body = JSON.stringify(payload);
    const signature = createHmac('sha256', this.options.secrets.xConsumerSecret).update(body).digest('base64');
    const delivered = await this.deliver('/webhooks/x', body, { 'x-twitter-webhooks-signature': `sha256=${signature}` }, `x DM from ${customer.name}`);
    return { externalId: eventId, senderId: customer.platformId, delivered };
  }

  private sayXMention(customer: SimCustomer, text: string, thread?: ThreadHint): CustomerSaid {
    const id = this.ids.tweetId();
    const mention = `@${SIMULATED_PROFILES.x.username}`;
    const fullText = text.includes(mention) ? text : `${mention} ${text}`;
    const start = fullText.indexOf(mention);
    const inThread = thread?.type === 'x-mention' ? thread : null;
    const data: Record<string, unknown> = {
      id,
      text: fullText,
      author_id: customer.platformId,
      created_at: new Date().toISOString().replace(/\.\d{3}Z$/, '.000Z'),
      conversation_id: inThread ? inThread.conversationId : id,
      ...(inThread ? { in_reply_to_user_id: SIMULATED_ACCOUNTS.x.userId, referenced_tweets: [{ type: 'replied_to', id: inThread.replyToTweetId }] } : {}),
      entities: { mentions: [{ start, end: start + mention.length, username: SIMULATED_PROFILES.x.username, id: SIMULATED_ACCOUNTS.x.userId }] },
      edit_history_tweet_ids: [id],
      lang: customer.language,
    };
    remember(this.tweets, id, { data, author: customer, conversationId: String(data.conversation_id) });
    this.xMentions.push(id);
    if (this.xMentions.length > KEEP) this.xMentions.shift();
    this.log(`queued x mention ${id} from ${customer.name}`);
    return { externalId: id, senderId: customer.platformId, delivered: true };
  }

  private telegramUser(customer: SimCustomer): Record<string, unknown> {
    const [first, ...rest] = customer.name.split(' ');
    return {
      id: Number(customer.platformId),
      is_bot: false,
      first_name: first ?? customer.name,
      ...(rest.length > 0 ? { last_name: rest.join(' ') } : {}),
      username: customer.handle,
      language_code: customer.language,
    };
  }

  private sayTelegram(customer: SimCustomer, text: string, isPublic: boolean, thread?: ThreadHint): CustomerSaid {
    const from = this.telegramUser(customer);
    const group = SIMULATED_PROFILES.telegram.group;
    const threadChat = thread?.type === 'telegram' ? this.telegramChats.get(thread.chatId) : undefined;
    let chat: Record<string, unknown> & { id: number };
    if (threadChat) chat = threadChat;
    else if (isPublic) chat = { id: group.id, title: group.title, username: group.username, type: 'supergroup' };
    else {
      const { id, first_name, last_name, username } = from as { id: number; first_name: string; last_name?: string; username: string };
      chat = { id, first_name, ...(last_name ? { last_name } : {}), username, type: 'private' };
    }
    remember(this.telegramChats, String(chat.id), chat);
    const inGroup = chat.type !== 'private';
    const mention = `@${SIMULATED_PROFILES.telegram.username}`;
    const fullText = inGroup && !text.includes(mention) ? `${mention} ${text}` : text;
    const mentionAt = fullText.indexOf(mention);
    // Telegram nests one level only: the message replied to comes without its own reply_to_message.
    const replyTo =
      thread?.type === 'telegram' && thread.replyTo ? Object.fromEntries(Object.entries(thread.replyTo).filter(([key]) => key !== 'reply_to_message')) : null;
    const message: TelegramMessage = {
      message_id: this.ids.telegramMessageId(),
      from,
      chat,
      date: Math.floor(Date.now() / 1000),
      ...(replyTo ? { reply_to_message: replyTo } : {}),
      text: fullText,
      ...(mentionAt >= 0 ? { entities: [{ offset: mentionAt, length: mention.length, type: 'mention' }] } : {}),
    };
    remember(this.telegramMessages, `${chat.id}:${message.message_id}`, { message, author: customer });
    const update: TelegramUpdate = { update_id: this.ids.updateId(), message };
    this.telegramUpdates.push(update);
    if (this.telegramUpdates.length > KEEP) this.telegramUpdates.shift();
    this.log(`queued telegram update ${update.update_id} from ${customer.name}${inGroup ? ' (group)' : ''}`);
    this.pendingPoll?.finish('update');
    return { externalId: String(message.message_id), senderId: customer.platformId, delivered: true };
  }

  private mastodonAccount(customer: SimCustomer | null): Record<string, unknown> {
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

  private mastodonMentionOf(account: Record<string, unknown>): Record<string, unknown> {
    return { id: account.id, username: account.username, url: account.url, acct: account.acct };
  }

  private mastodonStatus(
    id: string,
    author: SimCustomer | null,
    contentHtml: string,
    visibility: string,
    inReplyTo: { id: string; accountId: string } | null,
    mentions: Array<Record<string, unknown>>,
    language: string,
  ): Record<string, unknown> {
    const account = this.mastodonAccount(author);
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

  private sayMastodon(customer: SimCustomer, text: string, isPublic: boolean, thread?: ThreadHint): CustomerSaid {
    const us = this.mastodonAccount(null);
    const inThread = thread?.type === 'mastodon' ? thread : null;
    const visibility = inThread ? inThread.visibility : isPublic ? 'public' : 'direct';
    const mentionHtml = `<span class="h-card" translate="no"><a href="${String(us.url)}" class="u-url mention">@<span>${String(us.username)}</span></a></span>`;
    const body = escapeHtml(text.replace(new RegExp(`^@${SIMULATED_ACCOUNTS.mastodon.account}\\s*`), '')).replace(/\r?\n/g, '<br />');
    const statusId = this.ids.statusId();
    const status = this.mastodonStatus(
      statusId,
      customer,
      `<p>${mentionHtml} ${body}</p>`,
      visibility,
      inThread ? { id: inThread.inReplyToId, accountId: inThread.inReplyToAccountId } : null,
      [this.mastodonMentionOf(us)],
      customer.language,
    );
    remember(this.statuses, statusId, { status, author: customer });
    const id = this.ids.notificationId();
    this.notifications.push({
      id,
      body: { id, type: 'mention', created_at: new Date().toISOString(), group_key: `ungrouped-${id}`, account: this.mastodonAccount(customer), status },
    });
    if (this.notifications.length > KEEP) this.notifications.shift();
    this.log(`queued mastodon mention ${id} (${visibility}) from ${customer.name}`);
    return { externalId: statusId, senderId: customer.platformId, delivered: true };
  }

  private async sayApi(customer: SimCustomer, text: string): Promise<CustomerSaid> {
    const id = `sim-${randomToken(12)}`;
    const body = JSON.stringify({ id, from: { id: customer.platformId, name: customer.name }, text, timestamp: new Date().toISOString() });
    const path = `/webhooks/api/${encodeURIComponent(this.options.secrets.apiChannelKey)}`;
    const delivered = await this.deliver(
      path,
      body,
      { 'x-rapport-signature': `sha256=${hmacSha256Hex(this.options.secrets.apiChannelSecret, body)}` },
      `api message from ${customer.name}`,
    );
    return { externalId: id, senderId: customer.platformId, delivered };
  }

  // -------------------------------------------------------------------------------------------------------
  // Replies reaching the stand-ins

  private record(reply: Omit<SentReply, 'at'>): void {
    const entry: SentReply = { ...reply, at: new Date().toISOString() };
    this.sent.push(entry);
    if (this.sent.length > SENT_KEEP) this.sent.splice(0, this.sent.length - SENT_KEEP);
    const preview = reply.text.length > 60 ? `${reply.text.slice(0, 57)}...` : reply.text;
    this.log(`← ${reply.kind} reply to ${reply.to || '?'}${reply.public ? ' (public)' : ''}: "${preview}"`);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://simulator.local');
    const method = (req.method ?? 'GET').toUpperCase();
    let raw: Buffer;
    try {
      raw = await readBody(req);
    } catch (err) {
      if (err instanceof BodyTooLargeError) return sendJson(res, 413, { error: 'request body too large' });
      throw err;
    }
    const path = url.pathname;
    const query = paramsOf(url.searchParams);
    const parsed = method === 'GET' || method === 'HEAD' ? ({ ok: true, value: {} } as const) : parseBody(raw, req.headers['content-type']);

    if (path.startsWith('/_sim/')) return this.handleControl(method, path, parsed, res);

    const telegram = TELEGRAM_PATH.exec(path);
    if (telegram) {
      const body = parsed.ok && isRecord(parsed.value) ? parsed.value : {};
      if (!parsed.ok) return this.answer(res, telegramError(400, "Bad Request: can't parse JSON object"));
      return this.handleTelegram(telegram[1] ?? '', telegram[2] ?? '', { ...query, ...body }, path, res);
    }

    if (path.startsWith('/2/')) return this.handleX(method, path, query, parsed, req, res);
    if (path.startsWith('/api/v1/')) return this.handleMastodon(method, path, query, parsed, req, res);
    if (method === 'POST' && path === SIMULATED_ACCOUNTS.api.callbackPath) return this.handleApiCallback(path, raw, parsed, req, res);

    const graph = GRAPH_PATH.exec(path);
    if (graph) return this.handleGraph(method, path, graph[1] ?? '', graph[2] ?? null, query, parsed, req, res);

    sendJson(res, 404, { error: `no stand-in at ${method} ${path}` });
  }

  // -------------------------------------------------------------------------------------------------------
  // Control endpoints

  private async handleControl(method: string, path: string, parsed: { ok: true; value: unknown } | { ok: false }, res: ServerResponse): Promise<void> {
    if (!parsed.ok) return sendJson(res, 400, { error: 'body is not valid JSON' });
    const body = isRecord(parsed.value) ? parsed.value : {};
    const isKind = (value: unknown): value is ChannelKind => typeof value === 'string' && (SIMULATED_KINDS as readonly string[]).includes(value);
    if (method === 'GET' && path === '/_sim/health') {
      return sendJson(res, 200, {
        status: 'ok',
        url: this.url,
        rapportUrl: this.rapportUrl,
        traffic: { messagesPerMinute: this.trafficRate },
        queued: {
          x: this.xMentions.length,
          telegram: this.telegramUpdates.length,
          mastodon: this.notifications.length,
        },
        sent: this.sent.length,
        customers: this.customers.size,
        ...this.stats,
        faults: [...this.faults.entries()].flatMap(([key, queue]) => queue.map((f) => ({ on: key, fault: f.fault, remaining: f.remaining }))),
      });
    }
    if (method === 'GET' && path === '/_sim/sent') return sendJson(res, 200, this.sent);
    if (method === 'POST' && path === '/_sim/say') {
      if (!isKind(body.kind)) return sendJson(res, 400, { error: `kind must be one of ${SIMULATED_KINDS.join(', ')}` });
      if (typeof body.text !== 'string' || body.text.trim() === '') return sendJson(res, 400, { error: 'text is required' });
      const said = await this.customerSays(body.kind, {
        text: body.text,
        ...(typeof body.customerId === 'string' ? { customerId: body.customerId } : {}),
        ...(typeof body.name === 'string' ? { name: body.name } : {}),
        ...(typeof body.language === 'string' ? { language: body.language } : {}),
        ...(typeof body.handle === 'string' ? { handle: body.handle } : {}),
        public: body.public === true,
      });
      return sendJson(res, said.delivered ? 200 : 502, said);
    }
    if (method === 'POST' && path === '/_sim/fail') {
      if (!isKind(body.kind)) return sendJson(res, 400, { error: `kind must be one of ${SIMULATED_KINDS.join(', ')}` });
      if (typeof body.fault !== 'string' || !(FAULTS as readonly string[]).includes(body.fault)) {
        return sendJson(res, 400, { error: `fault must be one of ${FAULTS.join(', ')}` });
      }
      const times = int(body.times) ?? 1;
      const target: FaultTarget = body.on === 'poll' ? 'poll' : 'send';
      this.failNext(body.kind, body.fault as Fault, times, target);
      return sendJson(res, 200, { kind: body.kind, fault: body.fault, times, on: target });
    }
    if (method === 'POST' && path === '/_sim/traffic') {
      const rate = body.messagesPerMinute === undefined ? 6 : Number(body.messagesPerMinute);
      if (!Number.isFinite(rate) || rate < 0) return sendJson(res, 400, { error: 'messagesPerMinute must be a number >= 0' });
      this.setTrafficRate(rate);
      return sendJson(res, 200, { messagesPerMinute: this.trafficRate });
    }
    sendJson(res, 404, { error: `no control endpoint ${method} ${path}` });
  }

  // -------------------------------------------------------------------------------------------------------
  // Graph API: Messenger / Instagram Send API, WhatsApp, comments, user profiles

  private async handleGraph(
    method: string,
    path: string,
    objectId: string,
    edge: string | null,
    query: Params,
    parsed: { ok: true; value: unknown } | { ok: false },
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const body = parsed.ok && isRecord(parsed.value) ? parsed.value : {};
    const token = bearerToken(req) ?? str(query.access_token) ?? str(body.access_token);
    const isWhatsApp = objectId === SIMULATED_ACCOUNTS.whatsapp.phoneNumberId;
    const expected = isWhatsApp ? SIMULATED_ACCOUNTS.whatsapp.accessToken : SIMULATED_ACCOUNTS.facebook.pageAccessToken;
    if (!token || !safeEqual(token, expected)) return this.answer(res, graphInvalidToken());
    if (!parsed.ok) return this.answer(res, { status: 400, body: graphError(100, '(#100) The request body could not be parsed as JSON') });

    if (method === 'GET' && edge === null) return this.graphProfile(objectId, res);
    if (method !== 'POST' || edge === null) return this.answer(res, { status: 400, body: graphError(100, `(#100) Unsupported ${method.toLowerCase()} request.`) });

    if (edge === 'messages') {
      if (isWhatsApp) return this.whatsappSend(path, body, res);
      // `me` is the page when the token is a page token.
      if (objectId === 'me' || objectId === SIMULATED_ACCOUNTS.facebook.pageId || objectId === SIMULATED_ACCOUNTS.instagram.accountId) {
        return this.pageSend(path, objectId, body, res);
      }
      return this.unknownObject(objectId, res);
    }
    return this.commentReply(path, objectId, edge, body, res);
  }

  private unknownObject(objectId: string, res: ServerResponse): void {
    this.answer(res, {
      status: 400,
      body: graphError(
        100,
        `Unsupported post request. Object with ID '${objectId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
        { error_subcode: 33, type: 'GraphMethodException' },
      ),
    });
  }

  private graphProfile(objectId: string, res: ServerResponse): void {
    if (objectId === SIMULATED_ACCOUNTS.facebook.pageId || objectId === 'me') {
      return sendJson(res, 200, { name: SIMULATED_PROFILES.facebook.pageName, id: SIMULATED_ACCOUNTS.facebook.pageId });
    }
    if (objectId === SIMULATED_ACCOUNTS.instagram.accountId) return sendJson(res, 200, { username: SIMULATED_PROFILES.instagram.username, id: objectId });
    const facebook = this.customerById('facebook', objectId);
    if (facebook) {
      const [first, ...rest] = facebook.name.split(' ');
      return sendJson(res, 200, {
        first_name: first ?? facebook.name,
        last_name: rest.join(' '),
        profile_pic: `https://platform-lookaside.fbsbx.com/platform/profilepic/?psid=${objectId}`,
        id: objectId,
      });
    }
    const instagram = this.customerById('instagram', objectId);
    if (instagram) {
      return sendJson(res, 200, {
        name: instagram.name,
        username: instagram.handle,
        profile_pic: `https://scontent.cdninstagram.com/v/${objectId}.jpg`,
        id: objectId,
      });
    }
    this.answer(res, {
      status: 400,
      body: graphError(
        100,
        `Unsupported get request. Object with ID '${objectId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
        { error_subcode: 33, type: 'GraphMethodException' },
      ),
    });
  }

  private pageSend(path: string, objectId: string, body: Record<string, unknown>, res: ServerResponse): void {
    const recipient = isRecord(body.recipient) ? str(body.recipient.id) : undefined;
    // Both answer at the page id; the recipient tells them apart (simulated IGSIDs start with 1, PSIDs with 7).
    const kind: 'facebook' | 'instagram' =
      objectId === SIMULATED_ACCOUNTS.instagram.accountId ||
      this.customerById('instagram', recipient) ||
      (!this.customerById('facebook', recipient) && recipient?.startsWith('1'))
        ? 'instagram'
        : 'facebook';
    if (this.takeFault(kind, 'send', res)) return;
    if (!recipient) return this.answer(res, { status: 400, body: graphError(100, '(#100) The parameter recipient is required') });
    const message = isRecord(body.message) ? body.message : null;
    const text = message ? str(message.text) : undefined;
    if (!message || ((text === undefined || text === '') && message.attachment === undefined)) {
      return this.answer(res, { status: 400, body: graphError(100, '(#100) Param message[text] must be non-empty.') });
    }
    const mid = kind === 'instagram' ? `aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlE${randomToken(96)}` : `m_${randomToken(57)}`;
    this.record({ kind, to: recipient, text: text ?? '', inReplyTo: null, path, body, id: mid, public: false });
    sendJson(res, 200, { recipient_id: recipient, message_id: mid });
    this.maybeFollowUp(this.customerById(kind, recipient), { type: 'dm' });
  }

  private commentReply(path: string, objectId: string, edge: string, body: Record<string, unknown>, res: ServerResponse): void {
    const parent = this.comments.get(objectId);
    const kind: 'facebook' | 'instagram' = parent?.kind ?? this.posts.get(objectId) ?? (edge === 'replies' || /^17[89]/.test(objectId) ? 'instagram' : 'facebook');
    if (this.takeFault(kind, 'send', res)) return;
    const text = str(body.message);
    if (!text || text.trim() === '') return this.answer(res, { status: 400, body: graphError(100, '(#100) Missing message or attachment') });
    const postId = parent?.postId ?? objectId;
    const id = kind === 'instagram' ? `178${randomDigits(14)}` : `${(parent?.postId ?? objectId).split('_').pop() ?? objectId}_${randomDigits(16)}`;
    remember(this.comments, id, { kind, postId, parentId: objectId, author: null });
    this.record({ kind, to: parent?.author?.platformId ?? '', text, inReplyTo: objectId, path, body, id, public: true });
    sendJson(res, 200, { id });
    // Facebook threads one level deep: the customer answers under the top-level comment.
    const topLevel = parent && parent.author && this.comments.has(parent.parentId) ? parent.parentId : objectId;
    this.maybeFollowUp(parent?.author ?? null, { type: 'comment', postId, parentId: topLevel });
  }

  private whatsappSend(path: string, body: Record<string, unknown>, res: ServerResponse): void {
    if (this.takeFault('whatsapp', 'send', res)) return;
    if (body.messaging_product !== 'whatsapp') {
      return this.answer(res, { status: 400, body: graphError(100, '(#100) The parameter messaging_product is required.') });
    }
    const to = str(body.to);
    if (!to) return this.answer(res, { status: 400, body: graphError(100, '(#100) The parameter to is required.') });
    const type = str(body.type) ?? 'text';
    const textBody = isRecord(body.text) ? str(body.text.body) : undefined;
    if (type === 'text' && (!textBody || textBody.trim() === '')) {
      return this.answer(res, { status: 400, body: graphError(100, '(#100) The parameter text[body] is required.') });
    }
    const waId = to.replace(/^\+/, '').replace(/[^0-9]/g, '');
    const wamid = `wamid.HBgM${randomToken(36, 'base64')}`;
    const context = isRecord(body.context) ? str(body.context.message_id) : undefined;
    this.record({ kind: 'whatsapp', to: waId, text: textBody ?? `[${type}]`, inReplyTo: context ?? null, path, body, id: wamid, public: false });
    sendJson(res, 200, { messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: waId }], messages: [{ id: wamid }] });
    this.scheduleStatuses(wamid, waId);
    this.maybeFollowUp(this.customerById('whatsapp', waId), { type: 'dm' });
  }

  private scheduleStatuses(wamid: string, waId: string): void {
    const customer = this.customerById('whatsapp', waId);
    const conversationId = customer?.conversationId ?? randomToken(16, 'hex');
    let at = 0;
    for (const status of ['sent', 'delivered', 'read'] as const) {
      at += this.between(this.statusStepMs);
      this.later(at, () => {
        const billing =
          status === 'read'
            ? {}
            : {
                conversation: { id: conversationId, origin: { type: 'service' } },
                pricing: { billable: false, pricing_model: 'PMP', category: 'service', type: 'free_customer_service' },
              };
        const payload = this.whatsappEnvelope({
          statuses: [{ id: wamid, status, timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: waId, ...billing }],
        });
        void this.deliverMeta('/webhooks/whatsapp', payload, `whatsapp status ${status}`);
      });
    }
  }

  // -------------------------------------------------------------------------------------------------------
  // X API v2

  private async handleX(
    method: string,
    path: string,
    query: Params,
    parsed: { ok: true; value: unknown } | { ok: false },
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const token = bearerToken(req);
    if (!token || !safeEqual(token, SIMULATED_ACCOUNTS.x.accessToken)) return this.answer(res, xProblem(401, 'Unauthorized'));
    const body = parsed.ok && isRecord(parsed.value) ? parsed.value : {};
    const invalid = (message: string, parameter?: Record<string, unknown>): void =>
      sendJson(res, 400, {
        errors: [{ ...(parameter ? { parameters: parameter } : {}), message }],
        title: 'Invalid Request',
        detail: 'One or more parameters to your request was invalid.',
        type: 'https://api.twitter.com/2/problems/invalid-request',
      });
    if (!parsed.ok) return invalid('Request body is not valid JSON');

    const mentions = X_MENTIONS_PATH.exec(path);
    if (method === 'GET' && mentions) return this.xMentionsPage(mentions[1] ?? '', query, res, invalid);
    if (method === 'GET' && path === '/2/users/me') {
      return sendJson(res, 200, { data: { id: SIMULATED_ACCOUNTS.x.userId, name: SIMULATED_PROFILES.x.name, username: SIMULATED_PROFILES.x.username } });
    }
    if (method === 'POST' && path === '/2/tweets') {
      if (this.takeFault('x', 'send', res)) return;
      const text = str(body.text);
      if (!text || text.trim() === '') return invalid('The `text` field is required when no media or poll is attached.');
      const replyTo = isRecord(body.reply) ? str(body.reply.in_reply_to_tweet_id) : undefined;
      if (replyTo !== undefined && !isDecimalId(replyTo)) return invalid(`The \`in_reply_to_tweet_id\` value [${replyTo}] is not a valid Post id.`);
      const window = this.xTweetsWindow.hit(Date.now());
      const id = this.ids.tweetId();
      const original = replyTo ? this.tweets.get(replyTo) : undefined;
      const conversationId = original?.conversationId ?? replyTo ?? id;
      remember(this.tweets, id, { data: { id, text, author_id: SIMULATED_ACCOUNTS.x.userId, conversation_id: conversationId }, author: null, conversationId });
      this.record({ kind: 'x', to: original?.author?.platformId ?? '', text, inReplyTo: replyTo ?? null, path, body, id, public: true });
      sendJson(res, 201, { data: { id, text, edit_history_tweet_ids: [id] } }, this.xRateHeaders(this.xTweetsWindow.limit, window));
      return this.maybeFollowUp(original?.author ?? null, { type: 'x-mention', replyToTweetId: id, conversationId });
    }
    const dm = X_DM_PATH.exec(path);
    if (method === 'POST' && dm) {
      if (this.takeFault('x', 'send', res)) return;
      const participant = dm[1] ?? '';
      if (!isDecimalId(participant)) return invalid(`The \`participant_id\` value [${participant}] is not valid.`);
      const text = str(body.text);
      if ((!text || text.trim() === '') && body.attachments === undefined) return invalid('Either `text` or `attachments` is required.');
      const window = this.xDmWindow.hit(Date.now());
      const eventId = this.ids.tweetId();
      const us = SIMULATED_ACCOUNTS.x.userId;
      const conversationId = compareIds(participant, us) < 0 ? `${participant}-${us}` : `${us}-${participant}`;
      this.record({ kind: 'x', to: participant, text: text ?? '', inReplyTo: null, path, body, id: eventId, public: false });
      sendJson(res, 201, { data: { dm_conversation_id: conversationId, dm_event_id: eventId } }, this.xRateHeaders(this.xDmWindow.limit, window));
      return this.maybeFollowUp(this.customerById('x', participant), { type: 'dm' });
    }
    sendJson(res, 404, { title: 'Not Found Error', detail: `Sorry, that page does not exist: ${method} ${path}`, type: 'https://api.twitter.com/2/problems/resource-not-found', status: 404 });
  }

  private xRateHeaders(limit: number, window: { remaining: number; resetMs: number }): Record<string, string> {
    return {
      'x-rate-limit-limit': String(limit),
      'x-rate-limit-remaining': String(window.remaining),
      'x-rate-limit-reset': String(Math.ceil(window.resetMs / 1000)),
    };
  }

  private xMentionsPage(userId: string, query: Params, res: ServerResponse, invalid: (message: string, parameter?: Record<string, unknown>) => void): void {
    if (this.takeFault('x', 'poll', res)) return;
    if (!isDecimalId(userId)) return invalid(`The \`id\` query parameter value [${userId}] does not match ^[0-9]{1,19}$`, { id: [userId] });
    const window = this.xMentionsWindow.hit(Date.now());
    const headers = this.xRateHeaders(this.xMentionsWindow.limit, window);
    if (!window.allowed) return this.answer(res, { ...xProblem(429, 'Too Many Requests'), headers });

    const maxResultsRaw = str(query.max_results);
    const maxResults = maxResultsRaw === undefined ? 10 : int(maxResultsRaw);
    if (maxResults === undefined || maxResults < 5 || maxResults > 100) {
      return invalid(`The \`max_results\` query parameter value [${maxResultsRaw ?? ''}] is not between 5 and 100`, { max_results: [maxResultsRaw] });
    }
    const sinceId = str(query.since_id);
    const untilId = str(query.until_id);
    for (const [name, value] of [['since_id', sinceId], ['until_id', untilId]] as const) {
      if (value !== undefined && !isDecimalId(value)) return invalid(`The \`${name}\` query parameter value [${value}] does not match ^[0-9]{1,19}$`, { [name]: [value] });
    }
    const token = str(query.pagination_token);
    let before: string | undefined;
    if (token !== undefined) {
      const decoded = Buffer.from(token, 'base64url').toString('utf8');
      if (!/^before:[0-9]{1,20}$/.test(decoded)) return invalid(`The \`pagination_token\` query parameter value [${token}] is not valid`, { pagination_token: [token] });
      before = decoded.slice('before:'.length);
    }

    const matching =
      userId === SIMULATED_ACCOUNTS.x.userId
        ? this.xMentions
            .filter((id) => (sinceId === undefined || compareIds(id, sinceId) > 0) && (untilId === undefined || compareIds(id, untilId) < 0))
            .filter((id) => before === undefined || compareIds(id, before) < 0)
            .sort((a, b) => compareIds(b, a))
        : [];
    const page = matching.slice(0, maxResults);
    if (page.length === 0) return sendJson(res, 200, { meta: { result_count: 0 } }, headers);

    const fields = new Set((str(query['tweet.fields']) ?? str(query['post.fields']) ?? '').split(',').filter(Boolean));
    const expansions = new Set((str(query.expansions) ?? '').split(',').filter(Boolean));
    const userFields = new Set((str(query['user.fields']) ?? '').split(',').filter(Boolean));
    const optional = ['author_id', 'created_at', 'conversation_id', 'in_reply_to_user_id', 'referenced_tweets', 'entities', 'lang'];
    const authors = new Map<string, SimCustomer>();
    const data = page.map((id) => {
      const tweet = this.tweets.get(id);
      const full = tweet?.data ?? { id, text: '' };
      if (tweet?.author) authors.set(tweet.author.platformId, tweet.author);
      const out: Record<string, unknown> = { id: full.id, text: full.text };
      for (const field of optional) if (fields.has(field) && full[field] !== undefined) out[field] = full[field];
      out.edit_history_tweet_ids = full.edit_history_tweet_ids ?? [id];
      return out;
    });
    const users = [...authors.values()].map((author) => ({
      ...this.xUser(author),
      ...(userFields.has('created_at') ? { created_at: '2020-03-03T11:42:10.000Z' } : {}),
      ...(userFields.has('description') ? { description: '' } : {}),
      ...(userFields.has('verified') ? { verified: false } : {}),
      ...(userFields.has('protected') ? { protected: false } : {}),
      ...(userFields.has('profile_image_url')
        ? { profile_image_url: `https://pbs.twimg.com/profile_images/${stableDigits(`avatar:${author.key}`, 19)}/avatar_normal.jpg` }
        : {}),
    }));
    const last = page[page.length - 1] ?? '';
    const more = matching.length > page.length;
    sendJson(
      res,
      200,
      {
        data,
        ...(expansions.has('author_id') && users.length > 0 ? { includes: { users } } : {}),
        meta: {
          newest_id: page[0],
          oldest_id: last,
          result_count: page.length,
          ...(more ? { next_token: Buffer.from(`before:${last}`).toString('base64url') } : {}),
        },
      },
      headers,
    );
  }

  // -------------------------------------------------------------------------------------------------------
  // Telegram Bot API

  private async handleTelegram(token: string, methodName: string, params: Params, path: string, res: ServerResponse): Promise<void> {
    if (!safeEqual(token, SIMULATED_ACCOUNTS.telegram.botToken)) return this.answer(res, telegramError(401, 'Unauthorized'));
    switch (methodName) {
      case 'getUpdates':
        return this.telegramGetUpdates(params, res);
      case 'sendMessage':
        return this.telegramSendMessage(params, path, res);
      case 'getMe':
        return sendJson(res, 200, {
          ok: true,
          result: {
            id: SIMULATED_PROFILES.telegram.botId,
            is_bot: true,
            first_name: SIMULATED_PROFILES.telegram.firstName,
            username: SIMULATED_PROFILES.telegram.username,
            can_join_groups: true,
            can_read_all_group_messages: false,
            supports_inline_queries: false,
          },
        });
      case 'deleteWebhook':
        return sendJson(res, 200, { ok: true, result: true, description: 'Webhook is already deleted' });
      case 'getWebhookInfo':
        return sendJson(res, 200, { ok: true, result: { url: '', has_custom_certificate: false, pending_update_count: this.telegramUpdates.length } });
      default:
        return this.answer(res, telegramError(404, 'Not Found'));
    }
  }

  private async telegramGetUpdates(params: Params, res: ServerResponse): Promise<void> {
    if (this.takeFault('telegram', 'poll', res)) return;
    const offset = int(params.offset) ?? 0;
    const limit = Math.min(100, Math.max(1, int(params.limit) ?? 100));
    const timeout = Math.min(50, Math.max(0, int(params.timeout) ?? 0));
    // A new getUpdates ends the one still waiting, exactly like the real API (one consumer per bot).
    this.pendingPoll?.finish('conflict');

    const take = (): TelegramUpdate[] => {
      if (offset > 0) {
        // Calling with an offset confirms (forgets) every earlier update.
        while (this.telegramUpdates.length > 0 && (this.telegramUpdates[0]?.update_id ?? 0) < offset) this.telegramUpdates.shift();
      } else if (offset < 0) {
        this.telegramUpdates.splice(0, Math.max(0, this.telegramUpdates.length + offset));
      }
      return this.telegramUpdates.slice(0, limit);
    };

    let updates = take();
    if (updates.length === 0 && timeout > 0 && !this.closed) {
      const outcome = await new Promise<'update' | 'conflict' | 'closed' | 'timeout'>((resolve) => {
        let timer: NodeJS.Timeout | null = null;
        const poll: PendingPoll = {
          finish: (result) => {
            if (this.pendingPoll === poll) this.pendingPoll = null;
            if (timer) {
              clearTimeout(timer);
              this.timers.delete(timer);
            }
            resolve(result);
          },
        };
        this.pendingPoll = poll;
        timer = this.later(timeout * 1000, () => poll.finish('timeout'));
        res.once('close', () => poll.finish('closed'));
      });
      if (outcome === 'conflict') {
        return this.answer(res, telegramError(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running'));
      }
      if (outcome === 'closed' && res.destroyed) return;
      updates = take();
    }
    sendJson(res, 200, { ok: true, result: updates });
  }

  private telegramSendMessage(params: Params, path: string, res: ServerResponse): void {
    if (this.takeFault('telegram', 'send', res)) return;
    const chatIdRaw = str(params.chat_id);
    if (chatIdRaw === undefined || chatIdRaw === '') return this.answer(res, telegramError(400, 'Bad Request: chat_id is empty'));
    const text = str(params.text);
    if (text === undefined || text.trim() === '') return this.answer(res, telegramError(400, 'Bad Request: message text is empty'));
    if (text.length > 4096) return this.answer(res, telegramError(400, 'Bad Request: message is too long'));
    const chat =
      this.telegramChats.get(chatIdRaw) ??
      [...this.telegramChats.values()].find((c) => chatIdRaw.startsWith('@') && c.username === chatIdRaw.slice(1));
    if (!chat) return this.answer(res, telegramError(400, 'Bad Request: chat not found'));

    let replyParameters: unknown = params.reply_parameters;
    if (typeof replyParameters === 'string') {
      try {
        replyParameters = JSON.parse(replyParameters) as unknown;
      } catch {
        return this.answer(res, telegramError(400, "Bad Request: can't parse reply parameters JSON object"));
      }
    }
    const replyToId = isRecord(replyParameters) ? int(replyParameters.message_id) : int(params.reply_to_message_id);
    const allowWithout = isRecord(replyParameters) && replyParameters.allow_sending_without_reply === true;
    const replied = replyToId !== undefined ? this.telegramMessages.get(`${chat.id}:${replyToId}`) : undefined;
    if (replyToId !== undefined && !replied && !allowWithout) return this.answer(res, telegramError(400, 'Bad Request: message to be replied not found'));

    const original = replied ? Object.fromEntries(Object.entries(replied.message).filter(([key]) => key !== 'reply_to_message')) : null;
    const message: TelegramMessage = {
      message_id: this.ids.telegramMessageId(),
      from: {
        id: SIMULATED_PROFILES.telegram.botId,
        is_bot: true,
        first_name: SIMULATED_PROFILES.telegram.firstName,
        username: SIMULATED_PROFILES.telegram.username,
      },
      chat,
      date: Math.floor(Date.now() / 1000),
      ...(original ? { reply_to_message: original } : {}),
      text,
    };
    remember(this.telegramMessages, `${chat.id}:${message.message_id}`, { message, author: null });
    const customer = replied?.author ?? (chat.type === 'private' ? this.customerById('telegram', String(chat.id)) : null);
    this.record({
      kind: 'telegram',
      to: customer?.platformId ?? String(chat.id),
      text,
      inReplyTo: replyToId !== undefined ? String(replyToId) : null,
      path,
      body: params,
      id: String(message.message_id),
      public: chat.type !== 'private',
    });
    sendJson(res, 200, { ok: true, result: message });
    this.maybeFollowUp(customer, { type: 'telegram', chatId: String(chat.id), replyTo: message });
  }

  // -------------------------------------------------------------------------------------------------------
  // Mastodon

  private async handleMastodon(
    method: string,
    path: string,
    query: Params,
    parsed: { ok: true; value: unknown } | { ok: false },
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const token = bearerToken(req);
    if (!token || !safeEqual(token, SIMULATED_ACCOUNTS.mastodon.accessToken)) return this.answer(res, mastodonError(401, 'The access token is invalid'));
    const window = this.mastodonWindow.hit(Date.now());
    const headers = {
      'x-ratelimit-limit': String(this.mastodonWindow.limit),
      'x-ratelimit-remaining': String(window.remaining),
      'x-ratelimit-reset': new Date(window.resetMs).toISOString(),
    };
    if (!window.allowed) return this.answer(res, { ...mastodonError(429, 'Too many requests'), headers });
    if (!parsed.ok) return sendJson(res, 400, { error: 'Error while parsing request body' }, headers);
    const body = isRecord(parsed.value) ? parsed.value : {};

    if (method === 'GET' && path === '/api/v1/notifications') return this.mastodonNotifications(query, res, headers);
    if (method === 'GET' && path === '/api/v1/accounts/verify_credentials') return sendJson(res, 200, this.mastodonAccount(null), headers);
    if (method === 'POST' && path === '/api/v1/statuses') return this.mastodonPost(path, body, req, res, headers);
    sendJson(res, 404, { error: 'Record not found' }, headers);
  }

  private mastodonNotifications(query: Params, res: ServerResponse, headers: Record<string, string>): void {
    if (this.takeFault('mastodon', 'poll', res)) return;
    const list = (name: string): string[] => {
      const value = query[`${name}[]`] ?? query[name];
      return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
    };
    const types = list('types');
    const excluded = list('exclude_types');
    const limit = Math.min(80, Math.max(1, int(query.limit) ?? 40));
    const minId = str(query.min_id);
    const sinceId = str(query.since_id);
    const maxId = str(query.max_id);
    const wantsMentions = (types.length === 0 || types.includes('mention')) && !excluded.includes('mention');
    const matching = wantsMentions
      ? this.notifications.filter(
          (n) =>
            (minId === undefined || compareIds(n.id, minId) > 0) &&
            (sinceId === undefined || compareIds(n.id, sinceId) > 0) &&
            (maxId === undefined || compareIds(n.id, maxId) < 0),
        )
      : [];
    // min_id pages forward from the cursor (the oldest page above it); otherwise the newest page. Newest first either way.
    const page =
      minId !== undefined && sinceId === undefined
        ? [...matching].sort((a, b) => compareIds(a.id, b.id)).slice(0, limit).reverse()
        : [...matching].sort((a, b) => compareIds(b.id, a.id)).slice(0, limit);
    const linkHeaders: Record<string, string> = {};
    const newest = page[0];
    const oldest = page[page.length - 1];
    if (newest && oldest) {
      const base = `${this.url}/api/v1/notifications`;
      const typeParams = types.map((t) => `&types[]=${encodeURIComponent(t)}`).join('');
      linkHeaders.link = `<${base}?max_id=${oldest.id}${typeParams}>; rel="next", <${base}?min_id=${newest.id}${typeParams}>; rel="prev"`;
    }
    sendJson(
      res,
      200,
      page.map((n) => n.body),
      { ...headers, ...linkHeaders },
    );
  }

  private mastodonPost(path: string, body: Record<string, unknown>, req: IncomingMessage, res: ServerResponse, headers: Record<string, string>): void {
    const now = Date.now();
    for (const [key, entry] of this.idempotency) if (now - entry.at > 3_600_000) this.idempotency.delete(key);
    const idempotencyKey = headerOf(req, 'idempotency-key');
    const remembered = idempotencyKey ? this.idempotency.get(idempotencyKey) : undefined;
    if (remembered) {
      this.log(`mastodon: Idempotency-Key ${idempotencyKey} seen before, same status ${String(remembered.status.id)}`);
      return sendJson(res, 200, remembered.status, headers);
    }
    if (this.takeFault('mastodon', 'send', res)) return;
    const text = str(body.status) ?? '';
    const media = body.media_ids ?? body['media_ids[]'];
    if (text.trim() === '' && (!Array.isArray(media) || media.length === 0)) {
      return sendJson(res, 422, { error: "Validation failed: Text can't be blank" }, headers);
    }
    if (text.length > 500) return sendJson(res, 422, { error: 'Validation failed: Text character limit of 500 exceeded' }, headers);
    const visibility = str(body.visibility) ?? 'public';
    if (!['public', 'unlisted', 'private', 'direct'].includes(visibility)) {
      return sendJson(res, 422, { error: 'Validation failed: Visibility is not included in the list' }, headers);
    }
    const inReplyToId = str(body.in_reply_to_id) ?? null;
    const replied = inReplyToId ? this.statuses.get(inReplyToId) : undefined;

    // Mentions in the text (`@user` or `@user@host`) of accounts this instance knows.
    const mentioned: SimCustomer[] = [];
    for (const match of text.matchAll(/(^|\s)@([A-Za-z0-9_]+(?:@[A-Za-z0-9.-]+)?)/g)) {
      const acct = match[2] ?? '';
      const who = [...this.customers.values()].find((c) => c.kind === 'mastodon' && (c.acct === acct || c.handle === acct));
      if (who && !mentioned.includes(who)) mentioned.push(who);
    }
    let html = escapeHtml(text);
    for (const who of mentioned) {
      const account = this.mastodonAccount(who);
      const link = `<span class="h-card" translate="no"><a href="${String(account.url)}" class="u-url mention">@<span>${who.handle}</span></a></span>`;
      html = html.replace(new RegExp(`(^|\\s)@${who.acct.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9_@])`), `$1${link}`);
    }
    const id = this.ids.statusId();
    const status = this.mastodonStatus(
      id,
      null,
      `<p>${html.replace(/\r?\n/g, '<br />')}</p>`,
      visibility,
      inReplyToId ? { id: inReplyToId, accountId: replied?.author?.platformId ?? String((replied?.status.account as { id?: unknown } | undefined)?.id ?? '') } : null,
      mentioned.map((who) => this.mastodonMentionOf(this.mastodonAccount(who))),
      str(body.language) ?? 'en',
    );
    if (status.in_reply_to_account_id === '') status.in_reply_to_account_id = null;
    remember(this.statuses, id, { status, author: null });
    if (idempotencyKey) this.idempotency.set(idempotencyKey, { status, at: now });
    const customer = replied?.author ?? mentioned[0] ?? null;
    this.record({ kind: 'mastodon', to: customer?.platformId ?? '', text, inReplyTo: inReplyToId, path, body, id, public: visibility !== 'direct' });
    sendJson(res, 200, status, headers);
    this.maybeFollowUp(customer, { type: 'mastodon', inReplyToId: id, inReplyToAccountId: SIMULATED_PROFILES.mastodon.accountId, visibility });
  }

  // -------------------------------------------------------------------------------------------------------
  // Generic API channel: Rapport's signed reply callback

  private handleApiCallback(
    path: string,
    raw: Buffer,
    parsed: { ok: true; value: unknown } | { ok: false },
    req: IncomingMessage,
    res: ServerResponse,
  ): void {
    const signature = headerOf(req, 'x-rapport-signature') ?? '';
    const expected = `sha256=${hmacSha256Hex(this.options.secrets.apiChannelSecret, raw)}`;
    if (!safeEqual(signature.toLowerCase(), expected)) return sendJson(res, 401, { error: 'Invalid signature' });
    if (this.takeFault('api', 'send', res)) return;
    if (!parsed.ok || !isRecord(parsed.value)) return sendJson(res, 400, { error: 'body must be a JSON object' });
    const body = parsed.value;
    const text = str(body.text);
    if (text === undefined) return sendJson(res, 400, { error: 'text is required' });
    const to = isRecord(body.to) ? (str(body.to.id) ?? '') : '';
    const id = `sim-reply-${randomToken(12)}`;
    this.record({ kind: 'api', to, text, inReplyTo: str(body.inReplyTo) ?? null, path, body, id, public: false });
    sendJson(res, 200, { id });
    this.maybeFollowUp(this.customerById('api', to), { type: 'dm' });
  }
}

/** Starts the simulator; `close()` stops the server, the traffic and every pending timer. */
export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const simulator = new PlatformSimulator(options);
  await simulator.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  return simulator;
}

