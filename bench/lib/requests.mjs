// Pre-built request bodies: signed Messenger webhooks (as Meta sends them: compact JSON, sender id
// only) and the raw fan-out server's emit requests. Every text starts with `${prefix}${index} `.
import { createHmac } from 'node:crypto';
import { seededRandom } from './util.mjs';

const TEXTS = [
  'Hi, order #48213 arrived with a cracked screen and nobody has answered my emails for 5 days.',
  'Where is my parcel? The tracking page has said "in transit" since Monday.',
  'Can I change the delivery address for my order? I am moving this weekend.',
  'I was charged twice for the same subscription this month, please refund one of them.',
  'Thanks for the quick help yesterday, the replacement works perfectly!',
  'How do I reset my password? The reset email never arrives.',
  'This is the third time I am writing. I want to cancel and get my money back NOW.',
  'Do you ship to Canada, and how long does it usually take?',
  'The app keeps crashing when I open my order history on Android.',
  'Is the blue version back in stock? I would like two of them.',
];

/** Customer PSIDs: 16 digits like real ones, a block of its own for every run (so every run has new senders). */
export function senderIds(block, count) {
  return Array.from({ length: count }, (_, k) => String(7_100_000_000_000_000 + block * 100_000 + k));
}

/** `count` Messenger text webhooks to `pageId` from `senders` (picked pseudo-randomly), signed with `appSecret`. */
export function messengerRequests({ prefix, count, senders, pageId, appSecret, seed = 1, runId }) {
  const random = seededRandom(seed);
  const now = Date.now();
  const bodies = new Array(count);
  const signatures = new Array(count);
  for (let i = 0; i < count; i++) {
    const sender = senders[Math.floor(random() * senders.length)];
    const ts = now + i;
    const text = `${prefix}${i} ${TEXTS[Math.floor(random() * TEXTS.length)]}`;
    const body = JSON.stringify({
      object: 'page',
      entry: [{ id: pageId, time: ts, messaging: [{ sender: { id: sender }, recipient: { id: pageId }, timestamp: ts, message: { mid: `m_bench_${runId}_${i}`, text } }] }],
    });
    bodies[i] = body;
    signatures[i] = `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
  }
  return { bodies, signatures };
}

/** Bodies for the raw fan-out server: only the text (it builds the event itself). */
export function emitRequests({ prefix, count, seed = 1 }) {
  const random = seededRandom(seed);
  return { bodies: Array.from({ length: count }, (_, i) => JSON.stringify({ text: `${prefix}${i} ${TEXTS[Math.floor(random() * TEXTS.length)]}` })) };
}
