/** A rolling quota, as X and Mastodon count calls for their rate-limit headers. */
export class RateWindow {
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
