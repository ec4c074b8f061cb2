import type { CustomerTier, Priority } from '@rapport/shared';
import { detectLanguage } from './language.js';
import { assessPriority } from './priority.js';
import { topicsOf } from './topics.js';

/** What the conversation knows before this customer message. */
export interface TriageState {
  language: string | null;
  tags: string[];
  priorityScore: number;
  /** The first unanswered customer message of the current wait, or null when the last word was ours. */
  waitingSince: Date | null;
  slaDeadline: Date | null;
}

export interface TriageInput {
  text: string;
  tier: CustomerTier;
  sentAt: Date;
  /** A conversation opened by this very message. */
  opened: boolean;
  now: Date;
  /** This message's language when the caller detected it already (ingest counts it per customer). */
  detectedLanguage?: string | null;
}

export interface TriageResult {
  language: string | null;
  tags: string[];
  waitingSince: Date;
  /** Null when the conversation keeps the priority it has. */
  priority: { level: Priority; score: number; signals: string[] } | null;
}

/** Language, topics and priority of a conversation after one more customer message. */
export function triageMessage(state: TriageState, input: TriageInput): TriageResult {
  const waitingSince = state.waitingSince ?? input.sentAt;
  const assessed = assessPriority({ tier: input.tier, text: input.text, waitingSince, slaDeadline: state.slaDeadline, now: input.now });
  // Within one wait a calmer follow-up ("thanks?") does not make an angry customer less urgent.
  const keep = !input.opened && state.waitingSince !== null && assessed.score <= state.priorityScore;
  return {
    language: state.language ?? (input.detectedLanguage !== undefined ? input.detectedLanguage : detectLanguage(input.text)),
    tags: [...new Set([...state.tags, ...topicsOf(input.text)])],
    waitingSince,
    priority: keep ? null : { level: assessed.level, score: assessed.score, signals: assessed.signals },
  };
}
