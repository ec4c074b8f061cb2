import { useId, useState } from 'react';
import type { ContactHours, CustomerProfile } from '@rapport/shared';
import { useNow } from '../../lib/use-now';
import { DEFAULT_CONTACT_HOURS, describeContactHours, localTimeIn, textOrNull, toggleDay, WEEKDAYS } from './customer-edits';
import { SaveError } from './customer-save-error';
import { InlineTextField } from './inline-text-field';
import { useUpdateCustomer } from './use-update-customer';

function supportedTimeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

/** Days and a daily window; saved as a whole, or cleared (any time). */
function ContactHoursEditor({ hours, onSave, onClose }: { hours: ContactHours | null; onSave: (hours: ContactHours | null) => void; onClose: () => void }) {
  const [draft, setDraft] = useState<ContactHours>(hours ?? DEFAULT_CONTACT_HOURS);
  const invalid = draft.days.length === 0 ? 'Pick at least one day' : draft.from >= draft.to ? 'From must be before to' : null;
  return (
    <div className="contact-hours-editor" data-testid="contact-hours-editor">
      <div className="contact-hours-days" role="group" aria-label="Days">
        {WEEKDAYS.map(({ day, short }) => (
          <button
            key={day}
            type="button"
            className={draft.days.includes(day) ? 'day-toggle is-on' : 'day-toggle'}
            aria-pressed={draft.days.includes(day)}
            onClick={() => setDraft({ ...draft, days: toggleDay(draft.days, day) })}
          >
            {short}
          </button>
        ))}
      </div>
      <div className="contact-hours-times">
        <input className="text-input" type="time" aria-label="From" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        <span aria-hidden="true">–</span>
        <input className="text-input" type="time" aria-label="To" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
      </div>
      {invalid ? <span className="field-error">{invalid}</span> : null}
      <div className="contact-hours-actions">
        <button type="button" className="button button-primary button-small" data-testid="contact-hours-save" disabled={invalid !== null} onClick={() => onSave(draft)}>
          Save
        </button>
        {hours ? (
          <button type="button" className="button button-quiet button-small" onClick={() => onSave(null)}>
            Any time
          </button>
        ) : null}
        <button type="button" className="button button-quiet button-small" onClick={onClose}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/**
 * Where and when to reach the customer: their timezone (with their time now), contact hours, email, phone,
 * and whether they asked not to be contacted. Each field saves on its own, so one refusal never hides another.
 */
export function CustomerContactFields({ profile }: { profile: CustomerProfile }) {
  const timezone = useUpdateCustomer(profile.id);
  const hours = useUpdateCustomer(profile.id);
  const email = useUpdateCustomer(profile.id);
  const phone = useUpdateCustomer(profile.id);
  const dnc = useUpdateCustomer(profile.id);
  const [editingHours, setEditingHours] = useState(false);
  const now = useNow();
  const zonesId = useId();
  const localTime = localTimeIn(profile.timezone, new Date(now));
  return (
    <dl className="facts facts-flat">
      <dt>Timezone</dt>
      <dd>
        <InlineTextField value={profile.timezone} label="Timezone" placeholder="e.g. Europe/Madrid" list={zonesId} testId="customer-timezone" onSave={(text) => timezone.mutate({ timezone: textOrNull(text) })} />
        <datalist id={zonesId}>
          {supportedTimeZones().map((tz) => (
            <option key={tz} value={tz} />
          ))}
        </datalist>
        {localTime ? <span className="muted customer-local-time">{localTime} there now</span> : null}
        {timezone.isError ? <SaveError error={timezone.error} onDismiss={timezone.reset} testId="customer-timezone-error" /> : null}
      </dd>
      <dt>Contact hours</dt>
      <dd>
        {editingHours ? (
          <ContactHoursEditor
            hours={profile.contactHours}
            onClose={() => setEditingHours(false)}
            onSave={(contactHours) => {
              setEditingHours(false);
              hours.mutate({ contactHours });
            }}
          />
        ) : (
          <button type="button" className="link-button" data-testid="customer-contact-hours" onClick={() => setEditingHours(true)}>
            {describeContactHours(profile.contactHours)}
          </button>
        )}
        {hours.isError ? <SaveError error={hours.error} onDismiss={hours.reset} testId="customer-contact-hours-error" /> : null}
      </dd>
      <dt>Email</dt>
      <dd>
        <InlineTextField value={profile.email} label="Email" type="email" placeholder="name@example.com" testId="customer-email" onSave={(text) => email.mutate({ email: textOrNull(text) })} />
        {email.isError ? <SaveError error={email.error} onDismiss={email.reset} testId="customer-email-error" /> : null}
      </dd>
      <dt>Phone</dt>
      <dd>
        <InlineTextField value={profile.phone} label="Phone" type="tel" placeholder="+34 600 123 456" testId="customer-phone" onSave={(text) => phone.mutate({ phone: textOrNull(text) })} />
        {phone.isError ? <SaveError error={phone.error} onDismiss={phone.reset} testId="customer-phone-error" /> : null}
      </dd>
      <dt>Contact</dt>
      <dd>
        <label className="toggle" title="They asked not to be contacted: no public replies, only private notes (your team's follow-up reminders still work)">
          <input type="checkbox" data-testid="customer-do-not-contact" checked={profile.doNotContact} aria-label="Do not contact" onChange={(e) => dnc.mutate({ doNotContact: e.target.checked })} />
          <span className="toggle-track" aria-hidden="true" />
          Do not contact
        </label>
        {dnc.isError ? <SaveError error={dnc.error} onDismiss={dnc.reset} testId="customer-dnc-error" /> : null}
      </dd>
    </dl>
  );
}
