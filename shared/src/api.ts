/** REST shapes: what the API returns and the request bodies it accepts (validated with these schemas). */
import { z } from 'zod';
import {
  CHANNEL_KINDS,
  CONVERSATION_STATUSES,
  CUSTOMER_TIERS,
  PRIORITIES,
  ROLES,
  type AuthorType,
  type ChannelKind,
  type ConversationStatus,
  type CustomerTier,
  type MessageDirection,
  type MessageStatus,
  type PresenceStatus,
  type Priority,
  type Role,
} from './domain.js';

export interface User {
  id: string;
  name: string;
  email: string;
  role: Role;
}

/** A user as admins manage them (`/api/users`): a deactivated one cannot sign in and loses every session. */
export interface UserAccount extends User {
  active: boolean;
}

/**
 * `POST /api/auth/login` and `POST /api/auth/refresh`: a short-lived access token (`expiresIn` seconds) and
 * an opaque refresh token that `POST /api/auth/refresh` exchanges, once, for a new pair.
 */
export interface LoginResponse {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: User;
}

/** 429 of a sign-in while the account or the address is locked after too many failures. */
export interface LoginThrottledError {
  statusCode: 429;
  message: string;
  retryAfterSeconds: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Attachment {
  type: 'image' | 'video' | 'audio' | 'file' | 'sticker' | 'location' | 'other';
  url?: string;
  name?: string;
  mimeType?: string;
  size?: number;
}

export interface CustomerSummary {
  id: string;
  /** The customer's name; their handle or platform id until the platform's profile names them. */
  name: string;
  handle: string | null;
  avatarUrl: string | null;
  tier: CustomerTier;
}

/** One response-time clock's value: wall clock and within the team's business hours. */
export interface ClockFigure {
  startedAt: string;
  stoppedAt: string;
  wallSeconds: number;
  businessSeconds: number;
  /** Who stopped it: the agent who replied, or who resolved. */
  agentId: string | null;
}

/** `GET /api/conversations/:id/metrics`: the clocks of each cycle, and why each started, paused and stopped. */
export interface ConversationMetrics {
  conversationId: string;
  /** The business hours the business-hours figures were counted in. */
  timezone: string;
  cycles: Array<{
    startedAt: string;
    firstResponse: ClockFigure | null;
    nextReplies: ClockFigure[];
    resolution: ClockFigure | null;
    events: Array<{ at: string; kind: string; why: string }>;
  }>;
}

/** One clock in a report: wall-clock seconds, and the same within the team's business hours. */
export interface ClockSummary {
  count: number;
  median: number | null;
  p90: number | null;
  businessHours: { median: number | null; p90: number | null };
}

/**
 * Extensions: `day` gives one row per local day of the period in `tz` (key YYYY-MM-DD), for trend charts;
 * `all` one row (key "all") over every clock of the period, for totals (medians of groups do not add up).
 */
export const RESPONSE_TIME_GROUPS = ['agent', 'team', 'channel', 'day', 'all'] as const;
export type ResponseTimeGroup = (typeof RESPONSE_TIME_GROUPS)[number];

/** `GET /api/metrics/response-times`: one row per agent, team or channel, of the clocks stopped in the period. */
export interface ResponseTimesRow {
  /** The agent, team or channel id; null for clocks of no agent or team. */
  key: string | null;
  name: string;
  firstResponse: ClockSummary;
  nextReply: ClockSummary;
  resolution: ClockSummary;
  slaBreaches: number;
  /** 0–100: first responses whose wall-clock value is at most 3,600 s; null without first responses. */
  answeredWithinHourPct: number | null;
}

export interface ResponseTimesReport {
  from: string;
  to: string;
  groupBy: ResponseTimeGroup;
  rows: ResponseTimesRow[];
}

// IANA names only: an offset such as "+05:30" would mean the opposite offset to Postgres (POSIX).
const timezone = z.string().regex(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/, 'timezone must be an IANA name like "Europe/Madrid"').refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'timezone must be an IANA name like "Europe/Madrid"');

/** A report covers at most a year and a day (a leap year's days in any timezone); its default is the week before `to`. */
export const MAX_REPORT_DAYS = 367;
const DEFAULT_REPORT_DAYS = 7;
const DAY_MS = 24 * 3600 * 1000;
const reportPeriodFields = {
  from: z.string().datetime({ offset: true, message: 'from must be an ISO date-time' }).optional(),
  to: z.string().datetime({ offset: true, message: 'to must be an ISO date-time' }).optional(),
};
/** A report's period: up to `to` (default now), from `from` (default a week before `to`). */
export function reportPeriod(q: { from?: string | undefined; to?: string | undefined }): { from: Date; to: Date } {
  const to = q.to ? new Date(q.to) : new Date();
  return { from: q.from ? new Date(q.from) : new Date(to.getTime() - DEFAULT_REPORT_DAYS * DAY_MS), to };
}
function checkReportPeriod(q: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx): void {
  const period = reportPeriod(q);
  const [from, to] = [period.from.getTime(), period.to.getTime()];
  if (from >= to) ctx.addIssue({ code: 'custom', message: 'from must be before to' });
  else if (to - from > MAX_REPORT_DAYS * DAY_MS) ctx.addIssue({ code: 'custom', message: `a report covers at most ${MAX_REPORT_DAYS} days: narrow from and to` });
}

export const responseTimesQuery = z
  .object({ ...reportPeriodFields, groupBy: z.enum(RESPONSE_TIME_GROUPS).default('agent'), tz: timezone.default('UTC') })
  .superRefine(checkReportPeriod);
export type ResponseTimesQuery = z.output<typeof responseTimesQuery>;

export const SLA_METRICS = ['firstResponse', 'nextReply', 'resolution'] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];
export const SLA_BREACH_ACTIONS = ['notify', 'reassign'] as const;
export type SlaBreachAction = (typeof SLA_BREACH_ACTIONS)[number];

/**
 * A conversation's SLA: the due time of each running clock of the current cycle (absent when the policy
 * sets no threshold for it, the clock is not running, or it is paused), and every breach recorded.
 */
export interface ConversationSla {
  policyId: string;
  firstResponseDueAt?: string;
  nextReplyDueAt?: string;
  resolutionDueAt?: string;
  /** The policy's target for each clock that has a due time, so anyone can tell how much of it is left. */
  firstResponseSeconds?: number;
  nextReplySeconds?: number;
  resolutionSeconds?: number;
  breaches: Array<{ metric: SlaMetric; dueAt: string; at: string }>;
}

/** An SLA policy: thresholds for the three clocks of the conversations it matches (the most specific wins). */
export interface SlaPolicy {
  id: string;
  name: string;
  teamId: string | null;
  channelKind: ChannelKind | null;
  priority: Priority | null;
  firstResponseSeconds: number | null;
  nextReplySeconds: number | null;
  resolutionSeconds: number | null;
  /** Counted within the team's business hours (else on the wall clock). */
  businessHoursOnly: boolean;
  createdAt: string;
  updatedAt: string;
}

const slaSeconds = z.number().int().min(60, 'thresholds are at least 60 seconds').max(365 * 24 * 3600);
const slaPolicyFields = {
  name: z.string().trim().min(1).max(200),
  teamId: z.string().uuid().nullable(),
  channelKind: z.enum(CHANNEL_KINDS).nullable(),
  priority: z.enum(PRIORITIES).nullable(),
  firstResponseSeconds: slaSeconds.nullable(),
  nextReplySeconds: slaSeconds.nullable(),
  resolutionSeconds: slaSeconds.nullable(),
  businessHoursOnly: z.boolean(),
};
const someThreshold = (p: { firstResponseSeconds?: number | null; nextReplySeconds?: number | null; resolutionSeconds?: number | null }) =>
  p.firstResponseSeconds != null || p.nextReplySeconds != null || p.resolutionSeconds != null;

export const createSlaPolicyBody = z
  .object({
    name: slaPolicyFields.name,
    teamId: slaPolicyFields.teamId.default(null),
    channelKind: slaPolicyFields.channelKind.default(null),
    priority: slaPolicyFields.priority.default(null),
    firstResponseSeconds: slaPolicyFields.firstResponseSeconds.default(null),
    nextReplySeconds: slaPolicyFields.nextReplySeconds.default(null),
    resolutionSeconds: slaPolicyFields.resolutionSeconds.default(null),
    businessHoursOnly: slaPolicyFields.businessHoursOnly.default(true),
  })
  .refine(someThreshold, 'set at least one of firstResponseSeconds, nextReplySeconds, resolutionSeconds');
export type CreateSlaPolicyBody = z.input<typeof createSlaPolicyBody>;

export const updateSlaPolicyBody = z.object(slaPolicyFields).partial();
export type UpdateSlaPolicyBody = z.input<typeof updateSlaPolicyBody>;

export interface Conversation {
  id: string;
  channelId: string;
  channelKind: ChannelKind;
  channelName: string;
  customerId: string;
  customer: CustomerSummary;
  status: ConversationStatus;
  priority: Priority;
  /** Why it has that priority ("VIP customer", "angry tone"…). */
  prioritySignals: string[];
  /** Detected language of the customer (ISO 639-1), when known. */
  language: string | null;
  tags: string[];
  /** The earliest due time of the running SLA clocks (what the waiting queue is ordered by). */
  slaDeadline: string | null;
  /** The SLA policy that applies and its due times; null when no policy matches. */
  sla: ConversationSla | null;
  assigneeId: string | null;
  assignee: { id: string; name: string } | null;
  teamId: string | null;
  /** True for public threads (comments, mentions): replies are visible to everyone. */
  isPublic: boolean;
  firstMessageAt: string | null;
  lastMessageAt: string | null;
  lastMessagePreview: string | null;
  /** Since when the customer has been waiting for an answer; null when the last word was ours. */
  waitingSince: string | null;
  unreadCount: number;
  snoozedUntil: string | null;
  createdAt: string;
  updatedAt: string;
  /** Extension, search results only (`?q=`): the message that matched, or null when the name or handle did. */
  match?: ConversationMatch | null;
}

/**
 * The matching message of a search result: `snippet` is plain text around the hit (never HTML), and
 * `highlights` the [start, end) offsets (UTF-16, as String.prototype.slice counts) of the words that
 * matched, within `snippet`, in order and not overlapping.
 */
export interface ConversationMatch {
  messageId: string;
  snippet: string;
  highlights: Array<[number, number]>;
}

export interface Message {
  id: string;
  conversationId: string;
  direction: MessageDirection;
  authorType: AuthorType;
  authorId: string | null;
  /** Display name of the author (agent name or customer name), for rendering. */
  authorName: string | null;
  private: boolean;
  text: string;
  attachments: Attachment[];
  status: MessageStatus;
  error: string | null;
  externalId: string | null;
  clientId: string | null;
  /** When the platform says it was sent (customer messages) or when we sent it (replies). */
  sentAt: string;
  createdAt: string;
}

export interface CustomerIdentity {
  id: string;
  channelId: string;
  channelKind: ChannelKind;
  externalId: string;
  handle: string | null;
  displayName: string | null;
  avatarUrl: string | null;
}

export interface CustomerProfile {
  id: string;
  name: string;
  tier: CustomerTier;
  preferredLanguage: string | null;
  /** `learned` follows the customer's messages; `person` was set by someone and stays; null when unknown. */
  preferredLanguageSource: PreferredLanguageSource | null;
  preferences: Record<string, unknown>;
  notes: string | null;
  /** IANA name, e.g. "Europe/Madrid"; null when unknown. */
  timezone: string | null;
  contactHours: ContactHours | null;
  tags: string[];
  /** Rapport never writes to them: public replies are refused (private notes and reminders to ourselves still work). */
  doNotContact: boolean;
  email: string | null;
  phone: string | null;
  identities: CustomerIdentity[];
  conversations: Array<Pick<Conversation, 'id' | 'channelId' | 'channelKind' | 'status' | 'lastMessageAt' | 'lastMessagePreview'>>;
  /** Lifetime figures over every conversation of the customer, visible or not. */
  stats: { conversations: number; lastContactAt: string | null; openNow: number };
  createdAt: string;
  /** Extension: when the customer was erased (names, handles and texts gone, figures kept); null or absent otherwise. */
  erasedAt?: string | null;
}

// ---- customers across channels (merge, split, suggestions, profile fields) ----

export const PREFERRED_LANGUAGE_SOURCES = ['learned', 'person'] as const;
export type PreferredLanguageSource = (typeof PREFERRED_LANGUAGE_SOURCES)[number];

/** When the customer may be contacted: ISO weekdays (1 = Monday … 7 = Sunday), from–to in their timezone. */
export interface ContactHours {
  days: number[];
  from: string;
  to: string;
}

/** A customer as search and merge suggestions list them. */
export interface CustomerMatch {
  id: string;
  name: string;
  tier: CustomerTier;
  email: string | null;
  phone: string | null;
  identities: Array<Pick<CustomerIdentity, 'id' | 'channelKind' | 'handle' | 'externalId' | 'displayName'>>;
}

/** `GET /api/customers/:id/merge-suggestions`: never merged by themselves, a person confirms. */
export interface MergeSuggestion {
  customer: CustomerMatch;
  reasons: string[];
}

export const mergeCustomerBody = z.object({ customerId: z.string().uuid('customerId must be a customer id') });
export type MergeCustomerBody = z.infer<typeof mergeCustomerBody>;

export const splitCustomerBody = z.object({ identityId: z.string().uuid('identityId must be an identity id') });
export type SplitCustomerBody = z.infer<typeof splitCustomerBody>;

export const searchCustomersQuery = z.object({
  q: z.string().trim().min(1, 'q must not be empty').max(200),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type SearchCustomersQuery = z.infer<typeof searchCustomersQuery>;

const tagList = z
  .array(z.string().trim().toLowerCase().min(1, 'tags must not be empty').max(50))
  .max(50)
  .transform((tags) => [...new Set(tags)]);

/** Extension: `PATCH /api/conversations/:id` — the conversation's tags, replaced as a whole. */
export const updateConversationBody = z.object({ tags: tagList });
export type UpdateConversationBody = z.input<typeof updateConversationBody>;

export interface HealthResponse {
  status: 'ok' | 'error';
  postgres: 'ok' | 'down';
  redis: 'ok' | 'down';
  /** With 503: which store does not answer, e.g. "Database unavailable: no answer within 3 s". */
  message?: string;
}

/** Error body of every 4xx/5xx answer. */
export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
}

// ---- request bodies ----

export const loginBody = z.object({
  email: z.string().trim().email(),
  password: z.string().min(1),
});
export type LoginBody = z.infer<typeof loginBody>;

/** `POST /api/auth/refresh` and `POST /api/auth/logout`. */
export const refreshTokenBody = z.object({
  refreshToken: z.string({ message: 'refreshToken is required' }).min(1, 'refreshToken is required').max(200, 'refreshToken is not a refresh token'),
});
export type RefreshTokenBody = z.infer<typeof refreshTokenBody>;

export const listConversationsQuery = z.object({
  status: z.enum(CONVERSATION_STATUSES).optional(),
  assignee: z.string().min(1).optional(),
  teamId: z.string().uuid().optional(),
  channel: z.string().min(1).optional(),
  q: z.string().trim().max(200, 'q must be at most 200 characters').optional(),
  cursor: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export type ListConversationsQuery = z.infer<typeof listConversationsQuery>;

export const listMessagesQuery = z.object({
  before: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListMessagesQuery = z.infer<typeof listMessagesQuery>;

export const sendMessageBody = z.object({
  text: z.string().trim().min(1, 'text must not be empty').max(10000),
  private: z.boolean().optional().default(false),
  clientId: z.string().min(1).max(100).optional(),
  lastSeenMessageId: z.string().uuid().optional(),
});
export type SendMessageBody = z.input<typeof sendMessageBody>;

export const assignBody = z.object({
  assigneeId: z.string().uuid().nullable(),
  teamId: z.string().uuid().optional(),
});
export type AssignBody = z.infer<typeof assignBody>;

export const setStatusBody = z
  .object({
    status: z.enum(CONVERSATION_STATUSES),
    snoozeUntil: z.string().datetime({ offset: true }).optional(),
  })
  .refine((b) => b.status !== 'snoozed' || b.snoozeUntil !== undefined, {
    message: 'snoozeUntil is required when status is snoozed',
    path: ['snoozeUntil'],
  });
export type SetStatusBody = z.infer<typeof setStatusBody>;

/** Body of the generic API channel webhook (`POST /webhooks/api/:channelKey`). */
export const apiChannelInbound = z.object({
  id: z.string().min(1).max(200),
  from: z.object({
    id: z.string().min(1).max(200),
    name: z.string().max(200).optional(),
  }),
  text: z.string().max(10000),
  timestamp: z.string().datetime({ offset: true }).optional(),
});
export type ApiChannelInbound = z.infer<typeof apiChannelInbound>;

/** A channel as the API shows it: secrets never leave the server, only which ones are set. */
export interface Channel {
  id: string;
  kind: ChannelKind;
  name: string;
  /** Routing key of a generic API channel (`/webhooks/api/:key`); null for other kinds. */
  key: string | null;
  config: Record<string, unknown>;
  secretFields: string[];
  teamId: string | null;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export const createChannelBody = z.object({
  kind: z.enum(CHANNEL_KINDS),
  name: z.string().trim().min(1).max(200),
  config: z.record(z.string(), z.unknown()).default({}),
  teamId: z.string().uuid().nullable().optional(),
  enabled: z.boolean().optional(),
});
export type CreateChannelBody = z.input<typeof createChannelBody>;

/** `config` is merged into the stored one: send only what changes (a secret is replaced when sent). */
export const updateChannelBody = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  config: z.record(z.string(), z.unknown()).optional(),
  teamId: z.string().uuid().nullable().optional(),
  enabled: z.boolean().optional(),
});
export type UpdateChannelBody = z.input<typeof updateChannelBody>;

export const ROUTING_STRATEGIES = ['least_loaded', 'round_robin', 'manual'] as const;
export type RoutingStrategy = (typeof ROUTING_STRATEGIES)[number];

export const ASSIGNMENT_REASONS = ['auto', 'manual', 'sticky', 'offline', 'capacity', 'sla'] as const;
export type AssignmentReason = (typeof ASSIGNMENT_REASONS)[number];

/** An agent as leads see them: settings, live presence and load. */
export interface Agent {
  id: string;
  name: string;
  email: string;
  role: Role;
  /** Their own limit, or null to use the team default. */
  capacity: number | null;
  /** The limit routing applies: their own, else the smallest default of their teams. */
  effectiveCapacity: number;
  skills: string[];
  languages: string[];
  teamIds: string[];
  autoAssign: boolean;
  presence: PresenceStatus;
  /** Open and pending conversations assigned to them. */
  openCount: number;
  /** Since when the customer of their longest-waiting open conversation has waited for a reply; null when nobody waits on them. */
  oldestWaitingSince: string | null;
}

export const updateAgentBody = z.object({
  capacity: z.number().int().min(0).max(100).nullable().optional(),
  skills: z.array(z.string().trim().min(1).max(50)).max(50).optional(),
  languages: z.array(z.string().trim().toLowerCase().regex(/^[a-z]{2}$/, 'languages are ISO 639-1 codes like "es"')).max(20).optional(),
  teamIds: z.array(z.string().uuid()).max(20).optional(),
  autoAssign: z.boolean().optional(),
});
export type UpdateAgentBody = z.input<typeof updateAgentBody>;

export interface Team {
  id: string;
  name: string;
  strategy: RoutingStrategy;
  defaultCapacity: number;
  timezone: string;
  /** mon…sun → [["09:00","17:00"], …] (end "24:00" for midnight); a day left out is closed; empty means always open. */
  businessHours: Record<string, Array<[string, string]>>;
  /** Local dates (YYYY-MM-DD) closed all day. */
  holidays: string[];
  /** What an SLA breach does: notify only, or also reassign to an available colleague. */
  slaBreachAction: SlaBreachAction;
  channelIds: string[];
  memberIds: string[];
  /** Unassigned open conversations waiting for an agent. */
  waitingCount: number;
}

const hhmm = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'times are HH:MM (24:00 for midnight)');
const holidays = z
  .array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'holidays are dates like "2026-12-25"').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'not a calendar date'))
  .max(366);
const businessHours = z.partialRecord(z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']), z.array(z.tuple([hhmm, hhmm])).max(6));

/** `GET /api/metrics/volume`: messages per local hour, and customer messages per weekday (1 = Monday) and hour. */
export interface VolumeReport {
  from: string;
  to: string;
  tz: string;
  byHour: Array<{ at: string; inbound: number; outbound: number }>;
  heatmap: Array<{ weekday: number; hour: number; inbound: number }>;
}

export const volumeQuery = z.object({ ...reportPeriodFields, tz: timezone.default('UTC') }).superRefine(checkReportPeriod);
export type VolumeQuery = z.output<typeof volumeQuery>;

export const createTeamBody = z.object({
  name: z.string().trim().min(1).max(200),
  strategy: z.enum(ROUTING_STRATEGIES).default('least_loaded'),
  defaultCapacity: z.number().int().min(0).max(100).default(5),
  timezone: timezone.default('UTC'),
  businessHours: businessHours.default({}),
  holidays: holidays.default([]),
  slaBreachAction: z.enum(SLA_BREACH_ACTIONS).default('notify'),
  channelIds: z.array(z.string().uuid()).max(100).default([]),
  memberIds: z.array(z.string().uuid()).max(500).default([]),
});
export type CreateTeamBody = z.input<typeof createTeamBody>;

export const updateTeamBody = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  strategy: z.enum(ROUTING_STRATEGIES).optional(),
  defaultCapacity: z.number().int().min(0).max(100).optional(),
  timezone: timezone.optional(),
  businessHours: businessHours.optional(),
  holidays: holidays.optional(),
  slaBreachAction: z.enum(SLA_BREACH_ACTIONS).optional(),
  channelIds: z.array(z.string().uuid()).max(100).optional(),
  memberIds: z.array(z.string().uuid()).max(500).optional(),
});
export type UpdateTeamBody = z.input<typeof updateTeamBody>;

/** Move many conversations at once: to an agent, or back to a team's queue. */
export const bulkAssignBody = z
  .object({
    ids: z.array(z.string().uuid()).min(1).max(200),
    assigneeId: z.string().uuid().nullable().optional(),
    teamId: z.string().uuid().optional(),
  })
  .refine((b) => b.assigneeId !== undefined || b.teamId !== undefined, { message: 'give assigneeId or teamId' });
export type BulkAssignBody = z.input<typeof bulkAssignBody>;

/** One change of owner, for the conversation timeline. */
export interface Assignment {
  id: string;
  conversationId: string;
  fromUserId: string | null;
  toUserId: string | null;
  teamId: string | null;
  byUserId: string | null;
  reason: AssignmentReason;
  createdAt: string;
}

const contactHours = z
  .object({
    days: z
      .array(z.number().int().min(1, 'days are 1 (Monday) to 7 (Sunday)').max(7, 'days are 1 (Monday) to 7 (Sunday)'))
      .min(1, 'give at least one day')
      .max(7)
      .transform((days) => [...new Set(days)].sort((a, b) => a - b)),
    from: hhmm,
    to: hhmm,
  })
  .refine((h) => h.from < h.to, { message: 'from must be before to', path: ['to'] });

/** What agents remember about a customer (tier is for leads, managers and admins). */
export const updateCustomerBody = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  tier: z.enum(CUSTOMER_TIERS).optional(),
  preferredLanguage: z.string().trim().toLowerCase().regex(/^[a-z]{2}$/, 'preferredLanguage is an ISO 639-1 code like "es"').nullable().optional(),
  notes: z.string().max(10000).nullable().optional(),
  preferences: z.record(z.string(), z.unknown()).optional(),
  timezone: timezone.nullable().optional(),
  contactHours: contactHours.nullable().optional(),
  tags: tagList.optional(),
  doNotContact: z.boolean().optional(),
  email: z.string().trim().toLowerCase().email('email must be an email address').max(320).nullable().optional(),
  phone: z
    .string()
    .transform((p) => p.replace(/[\s().-]/g, ''))
    .pipe(z.string().regex(/^\+?\d{6,15}$/, 'phone must be a phone number like "+34 600 123 456"'))
    .nullable()
    .optional(),
});
export type UpdateCustomerBody = z.input<typeof updateCustomerBody>;

/** Who is who, for showing names (every signed-in user may read it). */
export interface DirectoryEntry {
  id: string;
  name: string;
  role: Role;
}

export const createUserBody = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  name: z.string().trim().min(1).max(200),
  role: z.enum(ROLES),
  password: z.string().min(10, 'password: at least 10 characters').max(200),
  teamIds: z.array(z.string().uuid()).max(20).optional(),
});
export type CreateUserBody = z.input<typeof createUserBody>;

export const updateUserBody = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  role: z.enum(ROLES).optional(),
  password: z.string().min(10, 'password: at least 10 characters').max(200).optional(),
  /** false deactivates: no sign-in, sessions end at once, open conversations go back to routing. */
  active: z.boolean({ message: 'active must be true or false' }).optional(),
});
export type UpdateUserBody = z.input<typeof updateUserBody>;

// ---- follow-ups, snooze timers and contact checks ----

/** `scheduled` until its time; `due` once it fired (the conversation reopened); `cancelled` when called off or dismissed. */
export const FOLLOW_UP_STATUSES = ['scheduled', 'due', 'cancelled'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/** A reminder to get back to a customer at a time (theirs, when `inCustomerHours`). */
export interface FollowUp {
  id: string;
  conversationId: string;
  note: string;
  dueAt: string;
  /** The due time was chosen in the customer's contact hours. */
  inCustomerHours: boolean;
  status: FollowUpStatus;
  createdById: string | null;
  createdAt: string;
  /** When its timer fired. */
  firedAt: string | null;
  conversation: Pick<Conversation, 'id' | 'status' | 'assigneeId' | 'teamId' | 'channelKind' | 'lastMessageAt' | 'lastMessagePreview' | 'customer'>;
}

/** At most this far ahead: a reminder for next year is a calendar entry. */
export const FOLLOW_UP_MAX_DAYS = 366;

export const createFollowUpBody = z
  .object({
    dueAt: z.string().datetime({ offset: true, message: 'dueAt must be an ISO date-time' }).optional(),
    note: z.string().trim().min(1, 'note must not be empty').max(1000),
    inCustomerHours: z.boolean().optional().default(false),
  })
  .refine((b) => b.dueAt !== undefined || b.inCustomerHours, { message: 'give dueAt, or inCustomerHours: true for the next start of the customer’s contact hours', path: ['dueAt'] });
export type CreateFollowUpBody = z.input<typeof createFollowUpBody>;

/** `assignee`: me, a user id, or all (leads, managers, admins); `conversationId` lists one conversation's instead. */
export const listFollowUpsQuery = z.object({
  assignee: z.string().min(1).default('me'),
  conversationId: z.string().uuid('conversationId must be a conversation id').optional(),
  cursor: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ListFollowUpsQuery = z.infer<typeof listFollowUpsQuery>;

/** Extension `GET /api/conversations/:id/send-check`: may a public reply go out now, and what to mind. */
export interface SendCheck {
  /** False: a public reply is refused (private notes and follow-ups are still fine). */
  allowed: boolean;
  reasons: string[];
  /** Sending is allowed but worth a second thought (outside the customer's contact hours). */
  warnings: string[];
  contact: {
    /** The customer's IANA timezone; null when unknown (UTC is assumed). */
    timezone: string | null;
    contactHours: ContactHours | null;
    /** Null without contact hours. */
    inContactHours: boolean | null;
    /** What a follow-up with `inCustomerHours` would choose now. */
    nextContactAt: string;
  };
}

// ---- canned responses ----

/** A saved reply agents insert with `/shortcut`; its body may use the variables of `fillCannedResponse`. */
export interface CannedResponse {
  id: string;
  shortcut: string;
  title: string;
  body: string;
  /** Null: for every team (an admin's). */
  teamId: string | null;
  /** Extension: the language it is written in (ISO 639-1), so the composer offers it first to customers who speak it. */
  language: string | null;
  createdAt: string;
  updatedAt: string;
}

const cannedShortcut = z
  .string()
  .trim()
  .toLowerCase()
  .transform((s) => s.replace(/^\//, ''))
  .pipe(z.string().min(1, 'shortcut must not be empty').max(50).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'shortcut is a lowercase slug like "refund-late": letters, digits and single dashes'));
const cannedFields = {
  shortcut: cannedShortcut,
  title: z.string().trim().min(1, 'title must not be empty').max(200),
  body: z.string().trim().min(1, 'body must not be empty').max(10000),
  teamId: z.string().uuid('teamId must be a team id').nullable(),
  language: z.string().trim().toLowerCase().regex(/^[a-z]{2}$/, 'language is an ISO 639-1 code like "es"').nullable(),
};

export const createCannedResponseBody = z.object({
  ...cannedFields,
  teamId: cannedFields.teamId.default(null),
  language: cannedFields.language.default(null),
});
export type CreateCannedResponseBody = z.input<typeof createCannedResponseBody>;

export const updateCannedResponseBody = z.object(cannedFields).partial();
export type UpdateCannedResponseBody = z.input<typeof updateCannedResponseBody>;

/** `teamId`: that team's replies and the ones for every team (what a conversation of the team may use). */
export const listCannedResponsesQuery = z.object({
  q: z.string().trim().max(100).optional(),
  teamId: z.string().uuid('teamId must be a team id').optional(),
});
export type ListCannedResponsesQuery = z.infer<typeof listCannedResponsesQuery>;
