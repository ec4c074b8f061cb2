/** The word that confirms an erasure besides the customer's own name. */
export const ERASE_WORD = 'ERASE';

const folded = (text: string): string => text.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase();

/** Erasing needs the customer's name (case and spacing aside) or ERASE typed out: never one stray click. */
export function erasureConfirmed(typed: string, customerName: string): boolean {
  if (typed.trim() === ERASE_WORD) return true;
  const name = folded(customerName);
  return name !== '' && folded(typed) === name;
}

/** "2 conversations, 5 messages and 2 accounts" */
export function describeErasure(counts: { conversations: number; messages: number; identities: number }): string {
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return `${count(counts.conversations, 'conversation', 'conversations')}, ${count(counts.messages, 'message', 'messages')} and ${count(counts.identities, 'account', 'accounts')}`;
}

/** The download's name, as the server names it. */
export const exportFileName = (customerId: string): string => `customer-${customerId}.json`;
