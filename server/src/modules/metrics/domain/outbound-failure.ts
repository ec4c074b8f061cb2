import { MalformedPayloadError, PlatformError, type ErrorVerdict } from '../../channels/channel-adapter.js';

/** A fixed set, so the failure counter keeps a handful of series per channel kind. */
export const OUTBOUND_FAILURE_REASONS = ['rate_limited', 'auth', 'invalid', 'platform_error', 'network', 'window_closed', 'channel_disabled', 'delivery_unknown', 'other'] as const;

export type OutboundFailureReason = (typeof OUTBOUND_FAILURE_REASONS)[number];

/**
 * Sorts a failed send into one of the reasons above. The verdict's text is written for agents and
 * names platform specifics (Meta's reply window comes as a 400, its rate limits as codes), so it is
 * read before the HTTP status.
 */
export function outboundFailureReason(error: unknown, verdict: ErrorVerdict): OutboundFailureReason {
  const text = verdict.reason;
  if (/\bwindow\b/i.test(text)) return 'window_closed';
  if (/rate limit|usage cap|flood control/i.test(text)) return 'rate_limited';
  if (error instanceof MalformedPayloadError) return 'platform_error';
  if (!(error instanceof PlatformError)) return /^network error/i.test(text) ? 'network' : 'other';
  const { status } = error;
  if (status === null) return 'network';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'platform_error';
  if (status === 401 || /token|credential|permission/i.test(text)) return 'auth';
  if (status === 403) return /blocked/i.test(text) ? 'invalid' : 'auth';
  return status >= 400 ? 'invalid' : 'platform_error';
}
