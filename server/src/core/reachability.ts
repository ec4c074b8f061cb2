import { Redis } from 'ioredis';

/** Passwords stay out of error messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/** Fails fast at start when Redis does not answer, instead of waiting forever for it. */
export async function assertRedisAnswers(url: string, timeoutMs = 5000): Promise<void> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: timeoutMs });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.ping();
  } catch (err) {
    throw new Error(`Redis at ${redactUrl(url)} does not answer (${err instanceof Error ? err.message : String(err)}): start it, or set REDIS_URL.`, { cause: err });
  } finally {
    probe.disconnect();
  }
}
