export interface SnoozeOption {
  label: string;
  until: Date;
}

function at(base: Date, dayOffset: number, hour: number): Date {
  const d = new Date(base);
  d.setDate(d.getDate() + dayOffset);
  d.setHours(hour, 0, 0, 0);
  return d;
}

/** Common snooze targets in the agent's local time; a target equal to an earlier one (Monday is tomorrow) is left out. */
export function snoozeOptions(now: Date): SnoozeOption[] {
  const daysToMonday = (8 - now.getDay()) % 7 || 7;
  const options = [
    { label: '1 hour', until: new Date(now.getTime() + 60 * 60 * 1000) },
    { label: '4 hours', until: new Date(now.getTime() + 4 * 60 * 60 * 1000) },
    { label: 'Tomorrow morning', until: at(now, 1, 9) },
    { label: 'Next week', until: at(now, daysToMonday === 1 ? 8 : daysToMonday, 9) },
  ];
  return options.filter((option, i) => options.findIndex((o) => o.until.getTime() === option.until.getTime()) === i);
}
