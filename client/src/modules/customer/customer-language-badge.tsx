import { languageLabel } from '../../lib/language-label';
import { useCustomer } from './use-customer';

/** The customer's preferred language, small, where the agent writes to them (nothing while unknown). */
export function CustomerLanguageBadge({ customerId }: { customerId: string }) {
  const profile = useCustomer(customerId).data;
  if (!profile?.preferredLanguage) return null;
  const how = profile.preferredLanguageSource === 'person' ? 'set by a colleague' : 'learned from their messages';
  return (
    <span className="chip language-badge" data-testid="composer-language" title={`Preferred language, ${how}`}>
      {languageLabel(profile.preferredLanguage)}
    </span>
  );
}
