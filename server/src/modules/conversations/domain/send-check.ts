import type { SendCheck } from '@rapport/shared';
import { describeContactHours, isWithinContactHours, localTimeLabel, nextContactStart, type ContactProfile } from '../../follow-ups/domain/contact-hours.js';

export interface Recipient extends ContactProfile {
  name: string;
  doNotContact: boolean;
}

export const DO_NOT_CONTACT_REASON = 'The customer asked not to be contacted: public replies are off (private notes and follow-ups are still fine)';

/**
 * Whether a public reply may go out to this customer now: never to one marked doNotContact; outside their
 * contact hours it may, with a warning naming their hours and their clock.
 */
export function sendCheck(recipient: Recipient, now: Date): SendCheck {
  const within = isWithinContactHours(recipient, now);
  const warnings =
    within === false && recipient.contactHours
      ? [`Outside ${recipient.name}’s contact hours (${describeContactHours(recipient.contactHours)}, ${recipient.timezone ?? 'UTC'}): it is ${localTimeLabel(recipient, now)} for them`]
      : [];
  return {
    allowed: !recipient.doNotContact,
    reasons: recipient.doNotContact ? [DO_NOT_CONTACT_REASON] : [],
    warnings: recipient.doNotContact ? [] : warnings,
    contact: {
      timezone: recipient.timezone,
      contactHours: recipient.contactHours,
      inContactHours: within,
      nextContactAt: nextContactStart(recipient, now).toISOString(),
    },
  };
}
