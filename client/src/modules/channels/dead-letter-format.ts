import type { DeadLetterRetry } from '@rapport/shared';

const SOURCE_PLATFORMS: Record<string, string> = { meta: 'Meta', whatsapp: 'WhatsApp', x: 'X', telegram: 'Telegram', mastodon: 'Mastodon', api: 'API' };

/** `webhook:meta` → "Meta webhook", `poll:telegram` → "Telegram poll"; an unknown source as it is. */
export function sourceLabel(source: string): string {
  const [via, name = ''] = source.split(':');
  const platform = SOURCE_PLATFORMS[name];
  if (!platform || (via !== 'webhook' && via !== 'poll')) return source;
  return `${platform} ${via === 'webhook' ? 'webhook' : 'poll'}`;
}

const messages = (n: number): string => `${n} message${n === 1 ? '' : 's'}`;

/** What a retry did, in a sentence the admin reads next to the button. */
export function retryOutcome(result: DeadLetterRetry): string {
  if (result.outcome === 'unreadable') return `Still unreadable: ${result.deadLetter.reason}`;
  if (result.stored > 0) return `Read: ${messages(result.stored)} stored${result.duplicates > 0 ? `, ${result.duplicates} already there` : ''}`;
  if (result.duplicates > 0) return `Read: ${result.duplicates === 1 ? 'its message was' : `its ${messages(result.duplicates)} were`} stored already`;
  return 'Read: nothing in it was a customer message';
}

/** JSON laid out for reading; anything else exactly as received. */
export function prettyBody(raw: string): string {
  try {
    return JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    return raw;
  }
}

export function pendingLabel(pending: number): string {
  return pending === 0 ? 'none pending' : `${pending} pending`;
}
