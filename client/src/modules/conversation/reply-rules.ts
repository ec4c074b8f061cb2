import type { Message, ReplyLengthCheck, ReplyWindow } from '@rapport/shared';

/** When the customer last wrote, as far as the loaded thread tells: the newest customer message. */
export function lastCustomerMessageAt(messages: readonly Message[]): string | null {
  let newest: string | null = null;
  for (const m of messages) {
    if (m.direction !== 'inbound' || m.authorType !== 'customer') continue;
    if (newest === null || Date.parse(m.sentAt) > Date.parse(newest)) newest = m.sentAt;
  }
  return newest;
}

/** From here on the counter turns amber: most replies are written long before the limit. */
const NEAR_SHARE = 0.9;

export type CounterTone = 'ok' | 'near' | 'over';

export function counterTone(check: Pick<ReplyLengthCheck, 'length' | 'limit'>): CounterTone {
  if (check.limit === null) return 'ok';
  if (check.length > check.limit) return 'over';
  return check.length >= check.limit * NEAR_SHARE ? 'near' : 'ok';
}

function span(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} days`;
}

/** What the composer says about the 24-hour window: a warning once closed, a heads-up when it closes soon. */
export function windowNotice(window: ReplyWindow, now: number): { tone: 'warning' | 'hint'; text: string } | null {
  if (window.state === 'closed') return { tone: 'warning', text: `The 24-hour reply window closed ${span(now - Date.parse(window.closedAt))} ago. ${window.reason}` };
  if (window.state === 'open' && window.closingSoon) return { tone: 'hint', text: `The 24-hour reply window closes in ${span(Date.parse(window.closesAt) - now)}.` };
  return null;
}
