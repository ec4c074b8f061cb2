/** What may tell that two customers are one person: their names, emails and phones on any account. */
export interface MatchKeys {
  id: string;
  names: Array<string | null>;
  emails: Array<string | null>;
  phones: Array<string | null>;
}

export interface MatchFound {
  customerId: string;
  reasons: string[];
}

/** Case-, accent- and spacing-insensitive: "José  Núñez" and "jose nunez" are one name. */
export function normalizeName(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Digits only, and "00" before a country code read as "+": "+34 600-12-34-56" and "0034600123456" match. */
export function normalizePhone(phone: string): string {
  return phone.replace(/\D/g, '').replace(/^00/, '');
}

/** Fewer digits than this are no phone number (short codes, extensions), so they prove nothing. */
const MIN_PHONE_DIGITS = 6;

function keySet(values: Array<string | null>, normalize: (v: string) => string, minLength = 1): Set<string> {
  return new Set(values.filter((v): v is string => v !== null).map(normalize).filter((v) => v.length >= minLength));
}

const overlaps = (a: Set<string>, b: Set<string>): boolean => [...a].some((v) => b.has(v));

/**
 * Customers who may be the same person as `subject`: same name and the same email or phone. Only a
 * suggestion; a person confirms every merge. A name alone is too common to count.
 */
export function suggestMerges(subject: MatchKeys, candidates: MatchKeys[]): MatchFound[] {
  const names = keySet(subject.names, normalizeName);
  const emails = keySet(subject.emails, normalizeEmail);
  const phones = keySet(subject.phones, normalizePhone, MIN_PHONE_DIGITS);
  const found: MatchFound[] = [];
  for (const candidate of candidates) {
    if (candidate.id === subject.id || !overlaps(names, keySet(candidate.names, normalizeName))) continue;
    const reasons: string[] = [];
    if (overlaps(emails, keySet(candidate.emails, normalizeEmail))) reasons.push('same name and email');
    if (overlaps(phones, keySet(candidate.phones, normalizePhone, MIN_PHONE_DIGITS))) reasons.push('same name and phone');
    if (reasons.length > 0) found.push({ customerId: candidate.id, reasons });
  }
  return found;
}
