import { PlatformError, type ChannelContext, type OutboundContext, type SendResult } from '../../channel-adapter.js';
import { configString, requireSecret } from '../adapter-kit.js';
import { graphBase, graphPath, postGraph } from './graph-api.js';
import { asText } from './wire.js';

/** Replies for the Facebook and Instagram adapters: Send API for DMs, comment replies for public threads. */

export const MESSENGER_API_VERSION = 'v25.0';

/** Facebook answers a comment under `/{id}/comments`, Instagram under `/{id}/replies`. */
export type CommentEdge = 'comments' | 'replies';

function endpoint(channel: ChannelContext, ...segments: string[]): string {
  return `${graphBase(channel, MESSENGER_API_VERSION)}/${graphPath(...segments)}`;
}

/** Send API: body exactly as meta-send-api-request.json; `me` is the page when the token is a page token. */
export async function sendApiMessage(channel: ChannelContext, recipientId: string, text: string): Promise<SendResult> {
  const url = endpoint(channel, configString(channel, 'pageId') ?? 'me', 'messages');
  const answer = await postGraph(url, requireSecret(channel, 'pageAccessToken'), { recipient: { id: recipientId }, messaging_type: 'RESPONSE', message: { text } });
  return { externalId: asText(answer?.message_id) ?? null };
}

async function postComment(channel: ChannelContext, objectId: string, edge: CommentEdge, text: string): Promise<SendResult> {
  const answer = await postGraph(endpoint(channel, objectId, edge), requireSecret(channel, 'pageAccessToken'), { message: text });
  return { externalId: asText(answer?.id) ?? null };
}

function isPublicReply({ replyTo, conversation }: OutboundContext): boolean {
  return replyTo?.meta.type === 'comment' || conversation.isPublic;
}

/**
 * Answers the customer's latest comment in its thread; with no comment to answer (none stored yet),
 * comments on the post / media itself, which both platforms accept under `/{id}/comments`.
 */
async function replyToThread(context: OutboundContext, edge: CommentEdge): Promise<SendResult> {
  const { replyTo, conversation, channel, text } = context;
  const commentId = asText(replyTo?.meta.commentId) ?? asText(replyTo?.externalId);
  if (commentId) return postComment(channel, commentId, edge, text);
  if (conversation.threadKey) return postComment(channel, conversation.threadKey, 'comments', text);
  throw new PlatformError('No comment or post to reply to in this public conversation', 400);
}

export async function sendMetaReply(context: OutboundContext, edge: CommentEdge): Promise<SendResult> {
  if (isPublicReply(context)) return replyToThread(context, edge);
  return sendApiMessage(context.channel, context.recipient.externalId, context.text);
}
