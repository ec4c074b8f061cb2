/** Canned replies: the variables their bodies may use and how a body is filled in (server and client alike). */

export const CANNED_VARIABLES = ['customer.name', 'customer.firstName', 'agent.name'] as const;
export type CannedVariable = (typeof CANNED_VARIABLES)[number];

export interface CannedFillContext {
  customer: { name: string | null | undefined };
  agent: { name: string | null | undefined };
}

const VARIABLE = /\{\{\s*([A-Za-z][\w.]*)\s*\}\}/g;
/** After a value that came out empty, these stick to the word before it: "Hi {{customer.firstName}}," → "Hi,". */
const CLOSING_PUNCTUATION = /^[,.;:!?)]/;

function firstWord(name: string): string {
  return name.split(/\s+/)[0] ?? '';
}

function valueOf(variable: string, context: CannedFillContext): string | undefined {
  const customer = context.customer.name?.trim() ?? '';
  const agent = context.agent.name?.trim() ?? '';
  switch (variable) {
    case 'customer.name':
      return customer;
    case 'customer.firstName':
      return firstWord(customer);
    case 'agent.name':
      return agent;
    default:
      return undefined;
  }
}

/**
 * Fills `{{customer.name}}`, `{{customer.firstName}}` (the first word of the name) and `{{agent.name}}`.
 * An unknown variable stays as written, so the agent sees it before sending; a value that is missing
 * leaves no gap behind: no double space, no space before punctuation, nothing dangling at a line's ends.
 */
export function fillCannedResponse(body: string, context: CannedFillContext): string {
  let out = '';
  // A missing value was just dropped: the next piece decides which space, if any, goes in its place.
  let gap = null as { spaceBefore: boolean } | null;

  const append = (piece: string) => {
    if (piece === '') return;
    if (!gap) {
      out += piece;
      return;
    }
    const trimmedOut = out.replace(/[ \t]+$/, '');
    const spaceBefore = gap.spaceBefore || trimmedOut.length !== out.length;
    let next = piece.replace(/^[ \t]+/, '');
    const spaceAfter = next.length !== piece.length;
    out = trimmedOut;
    if (next === '') {
      // Only blanks so far: wait for something visible to decide.
      gap = { spaceBefore: spaceBefore || spaceAfter };
      return;
    }
    gap = null;
    const atLineStart = out === '' || out.endsWith('\n');
    if (atLineStart) next = next.replace(/^,[ \t]*/, '');
    else if (CLOSING_PUNCTUATION.test(next)) out = out.replace(/,$/, '');
    else if (!next.startsWith('\n') && (spaceBefore || spaceAfter)) out += ' ';
    out += next;
  };

  let last = 0;
  for (const match of body.matchAll(VARIABLE)) {
    append(body.slice(last, match.index));
    last = match.index + match[0].length;
    const value = valueOf(match[1]!, context);
    if (value === undefined) append(match[0]);
    else if (value !== '') append(value);
    else gap = { spaceBefore: gap?.spaceBefore ?? false };
  }
  append(body.slice(last));
  if (gap) out = out.replace(/[ \t]+$/, '');
  return out;
}
