import type { Clock, ClockMode } from './report-figures';

export const CLOCK_LABELS: Record<Clock, string> = { firstResponse: 'First response', nextReply: 'Next reply', resolution: 'Resolution' };

export const CLOCK_MODE_LABELS: Record<ClockMode, string> = { wall: 'Wall clock', business: 'Business hours' };

/** Line colours (each at least 3:1 on white) and dashes, so the three clocks differ without colour too. */
export const CLOCK_STYLES: Record<Clock, { color: string; dash?: string }> = {
  firstResponse: { color: '#2f6f6a' },
  nextReply: { color: '#2f6fb3', dash: '6 3' },
  resolution: { color: '#a35f00', dash: '2 3' },
};
