/** A data store that did not answer: which one, and a short reason fit for a client (no hosts, no credentials). */
export interface Unavailable {
  dependency: 'Database' | 'Redis';
  reason: string;
}

/** Seconds a client is asked to wait before trying again while a data store is down. */
export const RETRY_AFTER_SECONDS = 5;

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  driverError?: unknown;
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
  EPIPE: 'connection lost',
};

/** Postgres SQLSTATEs that mean "not now" rather than "not like this". */
const POSTGRES_REASONS: Record<string, string> = {
  '57P01': 'the server is shutting down',
  '57P02': 'the server crashed',
  '57P03': 'the server is starting up',
  '53300': 'too many connections',
  '08000': 'connection lost',
  '08003': 'connection lost',
  '08006': 'connection lost',
  '08001': 'could not connect',
  '08004': 'the server refused the connection',
};

/** What node-postgres and pg-pool say when a connection cannot be had or breaks. */
const POSTGRES_MESSAGES: Array<[RegExp, string]> = [
  [/timeout exceeded when trying to connect/i, 'no connection within the timeout'],
  [/Connection terminated due to connection timeout/i, 'no connection within the timeout'],
  [/Connection terminated/i, 'connection lost'],
  [/Client has encountered a connection error/i, 'connection lost'],
  [/Cannot use a pool after calling end/i, 'the pool is closed'],
  [/Driver not Connected/i, 'not connected'],
];

/** What ioredis says when a command gives up (bounded retries, command timeout, a closed connection). */
const REDIS_MESSAGES: Array<[RegExp, string]> = [
  [/max retries per request/i, 'not connected'],
  [/Command timed out/i, 'no answer within the timeout'],
  [/Connection is closed/i, 'connection closed'],
  [/enableOfflineQueue/i, 'not connected'],
  [/^(LOADING|READONLY|MASTERDOWN|CLUSTERDOWN|TRYAGAIN)\b/, 'not ready'],
];

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * Whether an error means Postgres or Redis did not answer (down, restarting, unreachable), as opposed to
 * a refusal of the request itself. Errors of other origins answer null.
 */
export function unavailableDependency(error: unknown): Unavailable | null {
  if (typeof error !== 'object' || error === null) return null;
  const e = error as ErrorLike;
  const name = text(e.name);
  const message = text(e.message);
  if (name === 'MaxRetriesPerRequestError') return { dependency: 'Redis', reason: 'not connected' };
  for (const [pattern, reason] of REDIS_MESSAGES) if (pattern.test(message)) return { dependency: 'Redis', reason };
  // TypeORM copies the driver's fields onto QueryFailedError; look at the driver's error too.
  const driver = (typeof e.driverError === 'object' && e.driverError !== null ? e.driverError : {}) as ErrorLike;
  const code = text(e.code) || text(driver.code);
  if (POSTGRES_REASONS[code]) return { dependency: 'Database', reason: POSTGRES_REASONS[code] };
  if (NETWORK_REASONS[code]) return { dependency: 'Database', reason: NETWORK_REASONS[code] };
  const messages = [message, text(driver.message)];
  for (const [pattern, reason] of POSTGRES_MESSAGES) if (messages.some((m) => pattern.test(m))) return { dependency: 'Database', reason };
  return null;
}

/** The sentence a 503 carries: "Database unavailable: connection refused". */
export function unavailableMessage(unavailable: Unavailable): string {
  return `${unavailable.dependency} unavailable: ${unavailable.reason}`;
}
