import type { CreateFollowUpBody, SendCheck } from '@rapport/shared';

export interface FollowUpSuggestion {
  key: 'hour' | 'tomorrow' | 'their-hours' | 'next-week';
  label: string;
  /** What is sent: the time, or "the next start of their contact hours" (the server decides). */
  request: Pick<CreateFollowUpBody, 'dueAt' | 'inCustomerHours'>;
  at: Date;
  /** "Tue 09:00" on the agent's clock, and on the customer's ("Tue 17:00 their time"). */
  agentTime: string;
  customerTime: string | null;
}

/** "Tue 09:00", 24-hour, in a timezone (the browser's when none is given). */
export function formatInZone(date: Date, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-GB', { weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...(timeZone ? { timeZone } : {}) }).format(date);
}

function localAt(base: Date, dayOffset: number, hour: number): Date {
  const d = new Date(base);
  d.setDate(d.getDate() + dayOffset);
  d.setHours(hour, 0, 0, 0);
  return d;
}

/**
 * Times an agent picks a follow-up from: in an hour, tomorrow 09:00 and next Monday 09:00 on their own
 * clock, and the customer's next contact hours (09:00 of the customer's next day when they gave none), as
 * the send check computed it. Each shows both clocks when the customer's timezone is known; `agentZone`
 * is for tests (the browser's otherwise).
 */
export function followUpSuggestions(now: Date, contact: SendCheck['contact'] | undefined, agentZone?: string): FollowUpSuggestion[] {
  const customerZone = contact?.timezone ?? 'UTC';
  const make = (key: FollowUpSuggestion['key'], label: string, at: Date, request: FollowUpSuggestion['request']): FollowUpSuggestion => ({
    key,
    label,
    request,
    at,
    agentTime: formatInZone(at, agentZone),
    customerTime: contact ? `${formatInZone(at, customerZone)} their time${contact.timezone ? '' : ' (UTC)'}` : null,
  });
  const daysToMonday = (8 - now.getDay()) % 7 || 7;
  const nextMonday = localAt(now, daysToMonday === 1 ? 8 : daysToMonday, 9);
  const options = [
    make('hour', 'In 1 hour', new Date(now.getTime() + 3_600_000), {}),
    make('tomorrow', 'Tomorrow 09:00 your time', localAt(now, 1, 9), {}),
    ...(contact ? [make('their-hours', contact.contactHours ? 'Their next contact hours' : 'Tomorrow 09:00 their time', new Date(contact.nextContactAt), { inCustomerHours: true })] : []),
    make('next-week', 'Next week', nextMonday, {}),
  ].map((s) => (s.request.inCustomerHours ? s : { ...s, request: { dueAt: s.at.toISOString() } }));
  // The same instant twice (the customer shares the agent's clock): the customer's reading wins.
  const preferred = [...options].sort((a, b) => Number(b.key === 'their-hours') - Number(a.key === 'their-hours'));
  return preferred.filter((option, i) => preferred.findIndex((o) => o.at.getTime() === option.at.getTime()) === i).sort((a, b) => a.at.getTime() - b.at.getTime());
}
