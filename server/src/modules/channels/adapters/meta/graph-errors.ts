import { PlatformError, type ErrorVerdict } from '../../channel-adapter.js';
import { classifyHttpError } from '../../http-errors.js';
import { asRecord, asText } from './wire.js';

/** Graph API (Messenger, Instagram, WhatsApp Cloud API) errors: `{error: {code, error_subcode, message}}`. */

export interface GraphError {
  code: number;
  subcode?: number;
  message: string;
  details?: string;
}

export function graphErrorOf(body: unknown): GraphError | null {
  const error = asRecord(asRecord(body)?.error);
  if (!error || typeof error.code !== 'number') return null;
  const details = asText(asRecord(error.error_data)?.details);
  return {
    code: error.code,
    ...(typeof error.error_subcode === 'number' ? { subcode: error.error_subcode } : {}),
    message: asText(error.message) ?? 'no message',
    ...(details ? { details } : {}),
  };
}

/** Graph codes that mean "too many calls": application, user, page, custom and business-use-case limits. */
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613, 80001, 80002, 80006, 80007, 80008, 130429, 131056]);
/** Meta says these are temporary: try again later. */
const TRANSIENT_CODES = new Set([1, 2, 131000, 131016]);

const PERMANENT_REASONS: Record<number, string> = {
  551: 'The person is not available right now (blocked or unreachable)',
  190: 'The page access token is invalid or expired: reconnect the channel',
  131047: "Outside WhatsApp's 24-hour customer service window: send an approved template",
  131026: 'Message undeliverable',
};

const WINDOW_REASON = "Outside Meta's 24-hour reply window: the customer must write first (or use a message tag/template)";

function codeLabel(error: GraphError): string {
  return error.subcode === undefined ? `(${error.code})` : `(${error.code}/${error.subcode})`;
}

/**
 * Retry-After when given; otherwise Meta's business-use-case header says in how many minutes
 * access comes back (`estimated_time_to_regain_access`).
 */
export function graphRetryAfterMs(headers: Record<string, string>): number | undefined {
  const seconds = Number(headers['retry-after']);
  if (headers['retry-after'] !== undefined && Number.isFinite(seconds)) return seconds * 1000;
  const usage = headers['x-business-use-case-usage'];
  if (!usage) return undefined;
  try {
    const minutes = Object.values(JSON.parse(usage) as Record<string, Array<{ estimated_time_to_regain_access?: unknown }>>)
      .flat()
      .map((entry) => Number(entry.estimated_time_to_regain_access))
      .filter((value) => Number.isFinite(value) && value > 0);
    return minutes.length > 0 ? Math.max(...minutes) * 60_000 : undefined;
  } catch {
    return undefined; // A malformed usage header must not hide the error itself.
  }
}

/** Code 10 is both the 24-hour window (subcode 2018278) and "no permission"; only the wording tells them apart. */
function codeTenReason(error: GraphError): string {
  const permission = error.subcode !== 2018278 && /permission/i.test(error.message);
  return permission ? `The app lacks the permission for this action: ${error.message} ${codeLabel(error)}` : `${WINDOW_REASON} ${codeLabel(error)}`;
}

function graphVerdict(error: GraphError, platformError: PlatformError): ErrorVerdict {
  const label = codeLabel(error);
  if (RATE_LIMIT_CODES.has(error.code)) {
    const retryAfterMs = graphRetryAfterMs(platformError.headers);
    return { retry: true, reason: `Rate limited by Meta: ${error.message} ${label}`, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
  }
  if (TRANSIENT_CODES.has(error.code)) return { retry: true, reason: `Temporary Meta error: ${error.message} ${label}` };
  if (error.code === 10) return { retry: false, reason: codeTenReason(error) };
  const known = PERMANENT_REASONS[error.code];
  if (known) return { retry: false, reason: `${known} ${label}` };
  if (error.code >= 200 && error.code <= 299) return { retry: false, reason: `The app lacks the permission for this action: ${error.message} ${label}` };
  // Unknown code: the HTTP status decides (5xx retry, 4xx final), with Meta's own words as the reason.
  const fallback = classifyHttpError(platformError);
  return { ...fallback, reason: `${error.details ? `${error.message}: ${error.details}` : error.message} ${label}` };
}

export function classifyGraphError(error: unknown): ErrorVerdict {
  const graph = error instanceof PlatformError ? graphErrorOf(error.body) : null;
  return graph && error instanceof PlatformError ? graphVerdict(graph, error) : classifyHttpError(error);
}
