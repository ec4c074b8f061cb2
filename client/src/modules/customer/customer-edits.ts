import type { CustomerProfile, UpdateCustomerBody } from '@rapport/shared';

/** The languages the team answers in, offered first in the picker (ISO 639-1). */
export const CUSTOMER_LANGUAGES = ['en', 'es', 'fr', 'de', 'pt', 'it'] as const;

/** The picker value for "no preference known" (sent as null). */
export const UNKNOWN_LANGUAGE = '';

/** The picker's choices: unknown, the usual six, and the stored code when it is another one. */
export function languageChoices(current: string | null): string[] {
  const codes: string[] = [UNKNOWN_LANGUAGE, ...CUSTOMER_LANGUAGES];
  if (current && !codes.includes(current)) codes.push(current);
  return codes;
}

export function languageFromChoice(value: string): string | null {
  return value === UNKNOWN_LANGUAGE ? null : value;
}

/** What the notes field saves: surrounding blank space dropped, nothing at all as null. */
export function notesFromText(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

type EditableField = keyof UpdateCustomerBody & keyof CustomerProfile;

function editedFields(body: UpdateCustomerBody): EditableField[] {
  return (Object.keys(body) as EditableField[]).filter((key) => body[key] !== undefined);
}

/** What the profile will look like once the server applies the change (optimistic update). */
export function patchProfile(profile: CustomerProfile, body: UpdateCustomerBody): CustomerProfile {
  const next: CustomerProfile = { ...profile };
  if (body.name !== undefined) next.name = body.name.trim();
  if (body.tier !== undefined) next.tier = body.tier;
  if (body.preferredLanguage !== undefined) next.preferredLanguage = body.preferredLanguage === null ? null : body.preferredLanguage.trim().toLowerCase();
  if (body.notes !== undefined) next.notes = body.notes;
  if (body.preferences !== undefined) next.preferences = body.preferences;
  return next;
}

/**
 * Takes only the fields one edit touched from `source` (the snapshot before it, for a rollback; the
 * server's answer, while another edit is still on its way), so overlapping edits of different fields
 * do not undo each other.
 */
export function copyEditedFields(target: CustomerProfile, source: CustomerProfile, body: UpdateCustomerBody): CustomerProfile {
  const fields = editedFields(body);
  if (fields.every((field) => target[field] === source[field])) return target;
  const next: CustomerProfile = { ...target };
  for (const field of fields) Object.assign(next, { [field]: source[field] });
  return next;
}
