import { createHash, randomBytes } from 'node:crypto';
import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { LoginThrottledError } from '@rapport/shared';
import { CONFIG, type AppConfig } from '../../config/env.js';
import { RedisService } from '../../core/redis.service.js';
import { LOGIN_WINDOW_MS, loginThrottle, throttledMessage, type ThrottleLimits, type ThrottleVerdict } from './domain/login-throttle.js';

/** 429 with the body the client shows; the filter adds Retry-After. */
export class LoginThrottledException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    const body: LoginThrottledError = { statusCode: HttpStatus.TOO_MANY_REQUESTS, message: throttledMessage(retryAfterSeconds), retryAfterSeconds };
    super(body, HttpStatus.TOO_MANY_REQUESTS);
  }
}

/** Keys hold a hash of the email, so Redis never lists who tried to sign in. */
const accountId = (email: string): string => createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);

/**
 * Failed sign-ins per account and per address, in Redis so that every server process counts the same:
 * a sorted set of failure times per key, trimmed to the window and to the newest failures that matter.
 */
@Injectable()
export class LoginThrottle {
  readonly limits: ThrottleLimits;

  constructor(
    private readonly redis: RedisService,
    @Inject(CONFIG) config: AppConfig,
  ) {
    this.limits = { accountMax: config.LOGIN_MAX_FAILURES_PER_ACCOUNT, ipMax: config.LOGIN_MAX_FAILURES_PER_IP, windowMs: LOGIN_WINDOW_MS };
  }

  private keys(email: string, ip: string | null): { account: string; ip: string | null } {
    return { account: this.redis.key('login-failures', 'account', accountId(email)), ip: ip ? this.redis.key('login-failures', 'ip', ip) : null };
  }

  /** Whether a sign-in of this email from this address may be tried now. */
  async check(email: string, ip: string | null): Promise<ThrottleVerdict> {
    const keys = this.keys(email, ip);
    const now = Date.now();
    const [account, fromIp] = await Promise.all([this.failures(keys.account, now), keys.ip ? this.failures(keys.ip, now) : []]);
    return loginThrottle({ account, ip: fromIp }, this.limits, now);
  }

  /** Counts a failure of both keys; answers whether that locked them. */
  async recordFailure(email: string, ip: string | null): Promise<ThrottleVerdict> {
    const keys = this.keys(email, ip);
    const now = Date.now();
    const member = `${now}:${randomBytes(4).toString('hex')}`;
    const batch = this.redis.client.multi();
    const record = (key: string, max: number) =>
      batch
        .zadd(key, now, member)
        .zremrangebyscore(key, '-inf', now - this.limits.windowMs)
        // Only the newest `max` failures can hold a lock: older ones need not be kept.
        .zremrangebyrank(key, 0, -(max + 1))
        .pexpire(key, this.limits.windowMs);
    record(keys.account, this.limits.accountMax);
    if (keys.ip) record(keys.ip, this.limits.ipMax);
    await batch.exec();
    return this.check(email, ip);
  }

  /** A successful sign-in forgives the account's failures (not the address's: others may still be guessing from it). */
  async clearAccount(email: string): Promise<void> {
    await this.redis.client.del(this.keys(email, null).account);
  }

  private async failures(key: string, now: number): Promise<number[]> {
    const flat = await this.redis.client.zrangebyscore(key, now - this.limits.windowMs, '+inf', 'WITHSCORES');
    return flat.filter((_, i) => i % 2 === 1).map(Number);
  }
}
