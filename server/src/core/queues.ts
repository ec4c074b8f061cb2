import { createHash } from 'node:crypto';

/** Every BullMQ queue Rapport uses. */
export enum QueueName {
  Inbound = 'inbound',
  Outbound = 'outbound',
}

/** A raw platform event exactly as it arrived; parsed by the inbound worker. */
export interface InboundJob {
  channelId: string;
  /** The request body as text, byte for byte (signatures were checked over it). */
  body: string;
  receivedAt: string;
}

/** An agent reply waiting to leave for its platform. */
export interface OutboundJob {
  messageId: string;
}

export interface JobPayloads {
  [QueueName.Inbound]: InboundJob;
  [QueueName.Outbound]: OutboundJob;
}

const digest = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 40);

/**
 * Job ids are built here only, so that a redelivered webhook or a re-enqueued reply is the same job
 * (BullMQ ignores an add whose id it already holds).
 */
export const jobIds = {
  inbound: (channelId: string, body: string): string => `in-${channelId}-${digest(body)}`,
  outbound: (messageId: string): string => `out-${messageId}`,
};
