import type { ContactHours, CustomerIdentity, CustomerProfile, UpdateCustomerBody } from '@rapport/shared';

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

function editedFields(body: UpdateCustomerBody): Array<keyof CustomerProfile> {
  const fields: Array<keyof CustomerProfile> = (Object.keys(body) as EditableField[]).filter((key) => body[key] !== undefined);
  // Who set the language moves with it.
  return fields.includes('preferredLanguage') ? [...fields, 'preferredLanguageSource'] : fields;
}

/** What the profile will look like once the server applies the change (optimistic update). */
export function patchProfile(profile: CustomerProfile, body: UpdateCustomerBody): CustomerProfile {
  const next: CustomerProfile = { ...profile };
  if (body.name !== undefined) next.name = body.name.trim();
  if (body.tier !== undefined) next.tier = body.tier;
  if (body.preferredLanguage !== undefined) {
    next.preferredLanguage = body.preferredLanguage === null ? null : body.preferredLanguage.trim().toLowerCase();
    // Cleared, the server learns it again from the messages: its answer tells which.
    next.preferredLanguageSource = body.preferredLanguage === null ? null : 'person';
  }
  if (body.notes !== undefined) next.notes = body.notes;
  if (body.preferences !== undefined) next.preferences = body.preferences;
  if (body.timezone !== undefined) next.timezone = body.timezone;
  if (body.contactHours !== undefined) next.contactHours = body.contactHours;
  if (body.tags !== undefined) next.tags = tagsFrom(body.tags);
  if (body.doNotContact !== undefined) next.doNotContact = body.doNotContact;
  if (body.email !== undefined) next.email = body.email === null ? null : body.email.trim().toLowerCase();
  if (body.phone !== undefined) next.phone = body.phone;
  return next;
}

/** Tags as the server stores them: trimmed, lower case, each once, in the order given. */
export function tagsFrom(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.trim().toLowerCase()).filter((t) => t !== ''))];
}

/** "refund, Late ,refund" → ["refund", "late"]. */
export function tagsFromText(text: string): string[] {
  return tagsFrom(text.split(','));
}

/** What an optional text field saves: trimmed, nothing at all as null. */
export function textOrNull(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

/** ISO weekdays, as contact hours store them. */
export const WEEKDAYS = [
  { day: 1, short: 'Mon' },
  { day: 2, short: 'Tue' },
  { day: 3, short: 'Wed' },
  { day: 4, short: 'Thu' },
  { day: 5, short: 'Fri' },
  { day: 6, short: 'Sat' },
  { day: 7, short: 'Sun' },
] as const;

/** The usual office week, offered when a customer has no contact hours yet. */
export const DEFAULT_CONTACT_HOURS: ContactHours = { days: [1, 2, 3, 4, 5], from: '09:00', to: '17:00' };

/** "Mon–Fri 09:00–17:00", "Mon, Wed, Sat 10:00–12:00", "Any time". Runs of three days or more are shortened. */
export function describeContactHours(hours: ContactHours | null): string {
  if (!hours) return 'Any time';
  const days = [...new Set(hours.days)].sort((a, b) => a - b);
  const name = (d: number) => WEEKDAYS[d - 1]?.short ?? String(d);
  const runs: number[][] = [];
  for (const d of days) {
    const run = runs.at(-1);
    if (run && run.at(-1) === d - 1) run.push(d);
    else runs.push([d]);
  }
  const parts = runs.flatMap((run) => (run.length >= 3 ? [`${name(run[0]!)}–${name(run.at(-1)!)}`] : run.map(name)));
  return `${days.length === 7 ? 'Every day' : parts.join(', ')} ${hours.from}–${hours.to}`;
}

/** Adds or removes one weekday; the days stay in order. */
export function toggleDay(days: number[], day: number): number[] {
  return days.includes(day) ? days.filter((d) => d !== day) : [...days, day].sort((a, b) => a - b);
}

/** The customer's wall-clock time now, e.g. "14:05", or null without a (valid) timezone. */
export function localTimeIn(timezone: string | null, now: Date): string | null {
  if (!timezone) return null;
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit' }).format(now);
  } catch {
    return null;
  }
}

/** Who they are on that channel: the handle, else the platform id (a WhatsApp number). */
export function accountHandle(identity: Pick<CustomerIdentity, 'handle' | 'externalId'>): string {
  return identity.handle ?? identity.externalId;
}

/** How an identity reads in a list: the handle, else the name, else the platform id. */
export function identityLabel(identity: Pick<CustomerIdentity, 'handle' | 'displayName' | 'externalId'>): string {
  return identity.handle ?? identity.displayName ?? identity.externalId;
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
