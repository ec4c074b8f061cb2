import { createHash, randomBytes } from 'node:crypto';

/**
 * Platform ids. Customer ids are derived from a hash of the simulator's customer key, so the same person
 * keeps the same PSID / wa_id / user id across simulator restarts. Message and cursor ids follow the clock
 * (like X and Mastodon snowflakes), so they keep increasing across restarts and never collide with what
 * Rapport already stored.
 */

/** `length` decimal digits derived from `seed` (stable). */
export function stableDigits(seed: string, length: number): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return (BigInt(`0x${hex}`) % 10n ** BigInt(length)).toString().padStart(length, '0');
}

/** `length` random decimal digits, the first one non-zero. */
export function randomDigits(length: number): string {
  const bytes = randomBytes(length);
  let out = String(1 + ((bytes[0] ?? 0) % 9));
  for (let i = 1; i < length; i += 1) out += String((bytes[i] ?? 0) % 10);
  return out;
}

export function randomToken(bytes: number, encoding: 'base64' | 'base64url' | 'hex' = 'base64url'): string {
  return randomBytes(bytes).toString(encoding);
}

/** Meta's `fbtrace_id`. */
export function fbtraceId(): string {
  return randomToken(16).replace(/[-_]/g, 'x').slice(0, 22);
}

const X_EPOCH = 1288834974657n;

/** Increasing ids for every sequence the platforms expose, all derived from the clock. */
export class IdClock {
  private lastTweet = 0n;
  private lastStatus = 0n;
  private lastNotification = 0;
  private lastUpdate = 0;
  private lastTelegramMessage = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** An X snowflake (tweet, DM event): 19 digits, time-ordered. */
  tweetId(): string {
    const next = ((BigInt(this.now()) - X_EPOCH) << 22n) | 1n << 12n;
    this.lastTweet = next > this.lastTweet ? next : this.lastTweet + 1n;
    return this.lastTweet.toString();
  }

  /** A Mastodon status snowflake: 18 digits, time-ordered. */
  statusId(): string {
    const next = BigInt(this.now()) << 16n;
    this.lastStatus = next > this.lastStatus ? next : this.lastStatus + 1n;
    return this.lastStatus.toString();
  }

  /** A Mastodon notification id (plain increasing integer, as a string). */
  notificationId(): string {
    this.lastNotification = Math.max(this.lastNotification + 1, Math.floor(this.now() / 100) - 17_000_000_000);
    return String(this.lastNotification);
  }

  /** A Telegram update_id (fits in 31 bits until about 2031). */
  updateId(): number {
    this.lastUpdate = Math.max(this.lastUpdate + 1, Math.floor(this.now() / 100) - 17_000_000_000);
    return this.lastUpdate;
  }

  /** A Telegram message_id, unique across the simulated chats. */
  telegramMessageId(): number {
    this.lastTelegramMessage = Math.max(this.lastTelegramMessage + 1, Math.floor(this.now() / 100) - 17_500_000_000);
    return this.lastTelegramMessage;
  }
}

/** Compares decimal id strings numerically (ids of different lengths sort by length first). */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isDecimalId(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9]{1,20}$/.test(value);
}
