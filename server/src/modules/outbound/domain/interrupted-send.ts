import { MalformedPayloadError, PlatformError } from '../../channels/channel-adapter.js';

/** Errors of a connection that was never made: the request cannot have reached the platform. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

function codesOf(error: unknown, depth = 0): string[] {
  if (typeof error !== 'object' || error === null || depth > 4) return [];
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  return [
    ...(typeof code === 'string' ? [code] : []),
    ...codesOf(cause, depth + 1),
    ...(Array.isArray(errors) ? errors.flatMap((e) => codesOf(e, depth + 1)) : []),
  ];
}

/**
 * Whether a failed send certainly left nothing on the platform, so that sending again cannot duplicate
 * it: the platform answered with an error, the connection was never made, or our own code gave up before
 * any request. A timeout or a connection lost after the request went out, and an answer we could not
 * read, may have posted the reply: those are not.
 */
export function certainlyNotSent(error: unknown): boolean {
  if (error instanceof MalformedPayloadError) return false;
  if (!(error instanceof PlatformError)) return true;
  if (error.status !== null) return true;
  return codesOf(error).some((code) => NOT_CONNECTED.has(code));
}

/** What a platform offers to settle a send that was interrupted after it may have reached it. */
export interface SendGuarantees {
  /** The platform honours the message id as idempotency key for this long after a send. */
  idempotencyWindowMs?: number | undefined;
  /** The platform can be asked whether the reply is there (`findSent`). */
  canCheck: boolean;
}

export type InterruptedSendPlan =
  /** The same key again: the platform answers with what the first send created, or creates it once. */
  | { action: 'resend' }
  /** Ask the platform whether the reply is there before sending. */
  | { action: 'check' }
  /** Neither: the agent decides, rather than the customer getting the reply twice. */
  | { action: 'give-up' };

/**
 * A retry found a send that began at `startedAt` and whose outcome was never recorded (the worker died
 * between the platform's answer and our commit, or the answer never came): how to go on without sending
 * the reply twice.
 */
export function planInterruptedSend(guarantees: SendGuarantees, startedAt: Date, now: Date): InterruptedSendPlan {
  const window = guarantees.idempotencyWindowMs ?? 0;
  // A margin: the platform's clock started when it saw the first request, a little after ours.
  if (window > 0 && now.getTime() - startedAt.getTime() < window * 0.9) return { action: 'resend' };
  if (guarantees.canCheck) return { action: 'check' };
  return { action: 'give-up' };
}

/** Platform names as agents know them. */
const PLATFORM_NAMES: Record<string, string> = {
  facebook: 'Facebook',
  instagram: 'Instagram',
  whatsapp: 'WhatsApp',
  x: 'X',
  telegram: 'Telegram',
  mastodon: 'Mastodon',
  api: 'the connected system',
};

/** What the agent reads on a reply whose delivery nobody can tell. */
export function deliveryUnknownReason(kind: string, why: 'no-check' | 'check-failed'): string {
  const platform = PLATFORM_NAMES[kind] ?? kind;
  const cause = why === 'no-check' ? `${platform} offers no way to check` : `${platform} could not be asked`;
  return `Delivery unknown: sending was interrupted before ${platform} answered, and ${cause}. Look for the reply on ${platform} before sending it again.`;
}
