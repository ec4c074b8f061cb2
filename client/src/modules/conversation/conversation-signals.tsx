import type { Conversation } from '@rapport/shared';
import { languageLabel } from '../../lib/language-label';

/** Why this conversation ranks where it does ("VIP customer", "angry tone"…) and the customer's language. */
export function ConversationSignals({ conversation: c }: { conversation: Pick<Conversation, 'prioritySignals' | 'language' | 'priority'> }) {
  const signals = c.prioritySignals ?? [];
  if (signals.length === 0 && !c.language) return null;
  const tone = c.priority === 'urgent' ? 'tone-urgent' : c.priority === 'high' ? 'tone-high' : '';
  return (
    <div className="thread-signals">
      {c.language ? (
        <span className="signal-chip is-language" data-testid="conversation-language" data-language={c.language} title={`Detected language: ${languageLabel(c.language)}`}>
          <svg viewBox="0 0 16 16" width="11" height="11" aria-hidden="true">
            <circle cx="8" cy="8" r="6.2" fill="none" stroke="currentColor" strokeWidth="1.3" />
            <path d="M1.8 8h12.4M8 1.8c-2.2 2.4-2.2 10 0 12.4M8 1.8c2.2 2.4 2.2 10 0 12.4" fill="none" stroke="currentColor" strokeWidth="1.1" />
          </svg>
          {languageLabel(c.language)}
        </span>
      ) : null}
      {signals.map((signal) => (
        <span key={signal} className={`signal-chip ${tone}`} data-testid="priority-signal">
          {signal}
        </span>
      ))}
    </div>
  );
}
