import { CUSTOMER_TIERS, type CustomerProfile, type CustomerTier } from '@rapport/shared';

/** What a customer remembers, as a merge combines it: the profile's fields, a name that may be unset, and the language counts. */
export type ProfileFields = Pick<
  CustomerProfile,
  'tier' | 'preferredLanguage' | 'preferredLanguageSource' | 'preferences' | 'notes' | 'timezone' | 'contactHours' | 'tags' | 'doNotContact' | 'email' | 'phone'
> & {
  name: string | null;
  languageCounts: Record<string, number>;
};

/** The most frequent detected language; a tie keeps the current one, else the first alphabetically. */
export function learnedLanguage(counts: Record<string, number>, current: string | null): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const [language, count] of Object.entries(counts).sort(([a], [b]) => a.localeCompare(b))) {
    if (count <= 0) continue;
    if (count > bestCount || (count === bestCount && language === current)) {
      best = language;
      bestCount = count;
    }
  }
  return best;
}

/** A person's choice stays; otherwise the language follows the counts (null when nothing was detected). */
export function preferredLanguageOf(fields: Pick<ProfileFields, 'preferredLanguage' | 'preferredLanguageSource' | 'languageCounts'>): Pick<ProfileFields, 'preferredLanguage' | 'preferredLanguageSource'> {
  if (fields.preferredLanguageSource === 'person' && fields.preferredLanguage !== null) return { preferredLanguage: fields.preferredLanguage, preferredLanguageSource: 'person' };
  const learned = learnedLanguage(fields.languageCounts, fields.preferredLanguage);
  return { preferredLanguage: learned, preferredLanguageSource: learned === null ? null : 'learned' };
}

const tierRank = (tier: CustomerTier): number => CUSTOMER_TIERS.indexOf(tier);

function addCounts(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const sum = { ...a };
  for (const [language, count] of Object.entries(b)) sum[language] = (sum[language] ?? 0) + count;
  return sum;
}

const joinNotes = (a: string | null, b: string | null): string | null => {
  const parts = [a, b].filter((n): n is string => n !== null && n.trim() !== '');
  return parts.length === 0 ? null : parts.join('\n\n');
};

/**
 * The target after folding the source into it: the target's values win where both have one, the higher
 * tier wins, tags are the union, notes are both (target first), preferences merged (target wins), and a
 * customer who asked not to be contacted on any account is not contacted.
 */
export function mergeProfiles(target: ProfileFields, source: ProfileFields): ProfileFields {
  const languageCounts = addCounts(target.languageCounts, source.languageCounts);
  const chosen = target.preferredLanguageSource === 'person' ? target : source.preferredLanguageSource === 'person' ? source : null;
  const language = chosen
    ? { preferredLanguage: chosen.preferredLanguage, preferredLanguageSource: chosen.preferredLanguageSource }
    : preferredLanguageOf({ preferredLanguage: target.preferredLanguage, preferredLanguageSource: null, languageCounts });
  return {
    name: target.name ?? source.name,
    tier: tierRank(source.tier) > tierRank(target.tier) ? source.tier : target.tier,
    ...language,
    languageCounts,
    preferences: { ...source.preferences, ...target.preferences },
    notes: joinNotes(target.notes, source.notes),
    timezone: target.timezone ?? source.timezone,
    contactHours: target.contactHours ?? source.contactHours,
    tags: [...new Set([...target.tags, ...source.tags])],
    doNotContact: target.doNotContact || source.doNotContact,
    email: target.email ?? source.email,
    phone: target.phone ?? source.phone,
  };
}
