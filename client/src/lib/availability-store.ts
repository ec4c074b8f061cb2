import type { Availability } from './realtime-context';

const KEY = 'rapport.availability';

/** Remembered per browser, so a reload does not make an agent who chose "away" available again. */
export function loadAvailability(): Availability {
  try {
    return localStorage.getItem(KEY) === 'away' ? 'away' : 'online';
  } catch {
    return 'online';
  }
}

export function saveAvailability(availability: Availability): void {
  try {
    localStorage.setItem(KEY, availability);
  } catch {
    // Private mode or storage full: the choice still holds for this tab.
  }
}
