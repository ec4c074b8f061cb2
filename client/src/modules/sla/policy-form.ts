import type { ChannelKind, CreateSlaPolicyBody, Priority, SlaMetric, SlaPolicy, Team } from '@rapport/shared';
import { formatDuration } from '../../lib/sla-status';

export type DurationUnit = 'minutes' | 'hours';
const UNIT_SECONDS: Record<DurationUnit, number> = { minutes: 60, hours: 3600 };
/** The server's bounds for a threshold. */
const MIN_SECONDS = 60;
const MAX_SECONDS = 365 * 24 * 3600;

export interface ThresholdDraft {
  value: string;
  unit: DurationUnit;
}

/** What the policy form holds; '' in a selector means "any". */
export interface PolicyDraft {
  name: string;
  teamId: string;
  channelKind: ChannelKind | '';
  priority: Priority | '';
  thresholds: Record<SlaMetric, ThresholdDraft>;
  businessHoursOnly: boolean;
}

export const ANY = '';

/** Whole hours are shown in hours, the rest in minutes. */
export function thresholdDraftOf(seconds: number | null): ThresholdDraft {
  if (seconds === null) return { value: '', unit: 'minutes' };
  if (seconds % 3600 === 0) return { value: String(seconds / 3600), unit: 'hours' };
  return { value: String(Math.round((seconds / 60) * 100) / 100), unit: 'minutes' };
}

/** '' is "no threshold"; anything else must be a positive number that makes 1 minute to 365 days. */
export function parseThreshold(draft: ThresholdDraft): { ok: true; seconds: number | null } | { ok: false; error: string } {
  const text = draft.value.trim().replace(',', '.');
  if (text === '') return { ok: true, seconds: null };
  if (!/^\d+(\.\d+)?$/.test(text)) return { ok: false, error: `must be a number, not "${draft.value.trim()}"` };
  const seconds = Math.round(Number(text) * UNIT_SECONDS[draft.unit]);
  if (seconds < MIN_SECONDS) return { ok: false, error: 'must be at least 1 minute' };
  if (seconds > MAX_SECONDS) return { ok: false, error: 'must be at most 365 days' };
  return { ok: true, seconds };
}

export const METRIC_FIELD_LABELS: Record<SlaMetric, string> = { firstResponse: 'First response', nextReply: 'Next reply', resolution: 'Resolution' };
const SECONDS_FIELDS: Record<SlaMetric, 'firstResponseSeconds' | 'nextReplySeconds' | 'resolutionSeconds'> = {
  firstResponse: 'firstResponseSeconds',
  nextReply: 'nextReplySeconds',
  resolution: 'resolutionSeconds',
};

export function emptyPolicyDraft(teamId: string): PolicyDraft {
  return {
    name: '',
    teamId,
    channelKind: ANY,
    priority: ANY,
    thresholds: { firstResponse: { value: '1', unit: 'hours' }, nextReply: { value: '', unit: 'minutes' }, resolution: { value: '', unit: 'hours' } },
    businessHoursOnly: true,
  };
}

export function policyDraftOf(policy: SlaPolicy): PolicyDraft {
  return {
    name: policy.name,
    teamId: policy.teamId ?? ANY,
    channelKind: policy.channelKind ?? ANY,
    priority: policy.priority ?? ANY,
    thresholds: {
      firstResponse: thresholdDraftOf(policy.firstResponseSeconds),
      nextReply: thresholdDraftOf(policy.nextReplySeconds),
      resolution: thresholdDraftOf(policy.resolutionSeconds),
    },
    businessHoursOnly: policy.businessHoursOnly,
  };
}

/** The request body for the draft (create, or the full set of fields for an edit), or the first problem. */
export function buildPolicyBody(draft: PolicyDraft): { ok: true; body: Required<CreateSlaPolicyBody> } | { ok: false; error: string } {
  const name = draft.name.trim();
  if (name === '') return { ok: false, error: 'Give the policy a name' };
  const seconds: Partial<Record<SlaMetric, number | null>> = {};
  for (const metric of Object.keys(SECONDS_FIELDS) as SlaMetric[]) {
    const parsed = parseThreshold(draft.thresholds[metric]);
    if (!parsed.ok) return { ok: false, error: `${METRIC_FIELD_LABELS[metric]} ${parsed.error}` };
    seconds[metric] = parsed.seconds;
  }
  if (seconds.firstResponse == null && seconds.nextReply == null && seconds.resolution == null) return { ok: false, error: 'Set at least one of first response, next reply or resolution' };
  return {
    ok: true,
    body: {
      name,
      teamId: draft.teamId === ANY ? null : draft.teamId,
      channelKind: draft.channelKind === ANY ? null : draft.channelKind,
      priority: draft.priority === ANY ? null : draft.priority,
      firstResponseSeconds: seconds.firstResponse ?? null,
      nextReplySeconds: seconds.nextReply ?? null,
      resolutionSeconds: seconds.resolution ?? null,
      businessHoursOnly: draft.businessHoursOnly,
    },
  };
}

/** "1 h", "30 min", "—" for a list cell. */
export function describeThreshold(seconds: number | null): string {
  return seconds === null ? '—' : formatDuration(seconds * 1000);
}

export function thresholdSeconds(policy: SlaPolicy, metric: SlaMetric): number | null {
  return policy[SECONDS_FIELDS[metric]];
}

/** "Care · WhatsApp · urgent", or "Every conversation" for a policy that matches all. */
export function describeScope(policy: Pick<SlaPolicy, 'teamId' | 'channelKind' | 'priority'>, teams: readonly Pick<Team, 'id' | 'name'>[], channelName: (kind: ChannelKind) => string): string {
  const parts: string[] = [];
  if (policy.teamId) parts.push(teams.find((t) => t.id === policy.teamId)?.name ?? 'Another team');
  if (policy.channelKind) parts.push(channelName(policy.channelKind));
  if (policy.priority) parts.push(`${policy.priority} priority`);
  return parts.length === 0 ? 'Every conversation' : parts.join(' · ');
}
