import type { CannedResponse } from '@rapport/shared';

/** The `/word` being typed: where it starts and ends in the text, and what was typed after the slash up to the caret. */
export interface CannedTrigger {
  start: number;
  end: number;
  query: string;
}

/** A slash at the start of the text or of a word opens the picker ("and/or" and links do not). */
export function findCannedTrigger(text: string, caret: number): CannedTrigger | null {
  const before = text.slice(0, caret);
  const match = /(?:^|\s)\/([^\s/]*)$/.exec(before);
  if (!match) return null;
  const query = match[1] ?? '';
  const rest = /^[^\s]*/.exec(text.slice(caret))?.[0] ?? '';
  return { start: caret - query.length - 1, end: caret + rest.length, query };
}

/** The text with the `/word` replaced by the reply, and where the caret goes: right after it. */
export function insertCannedText(text: string, trigger: Pick<CannedTrigger, 'start' | 'end'>, filled: string): { text: string; caret: number } {
  const after = text.slice(trigger.end);
  const glue = after === '' || /^\s/.test(after) ? '' : ' ';
  const caret = trigger.start + filled.length + glue.length;
  return { text: text.slice(0, trigger.start) + filled + glue + after, caret };
}

/** 0 best: the exact shortcut, its start, anywhere in it, a title word's start, anywhere in the title; null: no match. */
function matchRank(reply: CannedResponse, query: string): number | null {
  if (query === '') return 0;
  const shortcut = reply.shortcut;
  const title = reply.title.toLowerCase();
  if (shortcut === query) return 0;
  if (shortcut.startsWith(query)) return 1;
  if (shortcut.includes(query)) return 2;
  if (title.split(/[^\p{L}\p{N}]+/u).some((word) => word.startsWith(query))) return 3;
  if (title.includes(query)) return 4;
  return null;
}

function languageRank(reply: CannedResponse, language: string | null): number {
  if (language && reply.language === language) return 0;
  return reply.language === null ? 1 : 2;
}

/**
 * The replies matching what was typed after the slash, best first: the exact shortcut, then those in the
 * customer's language (then those for any language), then how well they match, then a team's own before
 * the ones for every team.
 */
export function rankCannedResponses(replies: readonly CannedResponse[], query: string, language: string | null): CannedResponse[] {
  const q = query.trim().toLowerCase();
  const ranked: Array<{ reply: CannedResponse; key: number[] }> = [];
  for (const reply of replies) {
    const rank = matchRank(reply, q);
    if (rank === null) continue;
    ranked.push({ reply, key: [q !== '' && rank === 0 ? 0 : 1, languageRank(reply, language), rank, reply.teamId === null ? 1 : 0] });
  }
  return ranked
    .sort((a, b) => {
      for (let i = 0; i < a.key.length; i++) if (a.key[i] !== b.key[i]) return a.key[i]! - b.key[i]!;
      return a.reply.shortcut.localeCompare(b.reply.shortcut);
    })
    .map((r) => r.reply);
}

/** The name replies may greet: none while the customer is known only by their handle or platform id. */
export function customerNameForReplies(customer: { name: string; handle: string | null }): string | null {
  const name = customer.name.trim();
  if (name === '' || /^\d+$/.test(name)) return null;
  if (customer.handle && name.replace(/^@/, '').toLowerCase() === customer.handle.replace(/^@/, '').toLowerCase()) return null;
  return name;
}
