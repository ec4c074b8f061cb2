import { CANNED_VARIABLES, createCannedResponseBody, type CannedResponse, type CreateCannedResponseBody } from '@rapport/shared';

/** What the form holds; '' in a selector means "every team" or "any language". */
export interface CannedDraft {
  shortcut: string;
  title: string;
  body: string;
  teamId: string;
  language: string;
}

export const EVERY_TEAM = '';
export const ANY_LANGUAGE = '';

export function emptyCannedDraft(teamId: string): CannedDraft {
  return { shortcut: '', title: '', body: '', teamId, language: ANY_LANGUAGE };
}

export function cannedDraftOf(reply: CannedResponse): CannedDraft {
  return { shortcut: reply.shortcut, title: reply.title, body: reply.body, teamId: reply.teamId ?? EVERY_TEAM, language: reply.language ?? ANY_LANGUAGE };
}

/** The request body, checked with the server's own schema so the form says what the server would. */
export function buildCannedBody(draft: CannedDraft): { ok: true; body: CreateCannedResponseBody } | { ok: false; error: string } {
  const body = {
    shortcut: draft.shortcut,
    title: draft.title,
    body: draft.body,
    teamId: draft.teamId === EVERY_TEAM ? null : draft.teamId,
    language: draft.language === ANY_LANGUAGE ? null : draft.language,
  };
  const parsed = createCannedResponseBody.safeParse(body);
  if (!parsed.success) return { ok: false, error: parsed.error.issues.map((i) => i.message).join('; ') };
  return { ok: true, body: parsed.data };
}

/** The `{{…}}` in a body that are not variables: they would reach the customer as written. */
export function unknownVariables(body: string): string[] {
  const known: readonly string[] = CANNED_VARIABLES;
  const found = [...body.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)].map((m) => m[1] ?? '').filter((name) => !known.includes(name));
  return [...new Set(found)].map((name) => `{{${name}}}`);
}
