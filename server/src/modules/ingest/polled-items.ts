import type { InboundItem } from '../channels/channel-adapter.js';

/** Polled items travel through the inbound queue as JSON; dates come back as Date objects. */
export function deserializeItems(body: string): InboundItem[] {
  return (JSON.parse(body) as InboundItem[]).map((item) => (item.kind === 'message' ? { ...item, sentAt: new Date(item.sentAt) } : item));
}
