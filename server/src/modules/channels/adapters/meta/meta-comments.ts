import type { Attachment } from '@rapport/shared';
import type { InboundItem, InboundMessage } from '../../channel-adapter.js';
import { asRecord, asText, dateFromEpoch, definedOnly, ignored, type JsonRecord } from './wire.js';

/** Public comments from `entry[].changes[]`: Facebook Page feed and Instagram media comments. */

type Sender = InboundMessage['sender'];

/**
 * `from` is only sent once the app has the right permissions; without it the comment is still a
 * public complaint worth answering (in the thread), so it gets a one-off sender instead of being lost.
 */
function anonymousSender(commentId: string, name: string): Sender {
  return { externalId: `anonymous-comment:${commentId}`, name };
}

function publicMessage(commentId: string, threadKey: string, sender: Sender, text: unknown, sentAt: Date, attachments: Attachment[] = []): InboundMessage {
  return {
    kind: 'message',
    externalId: commentId,
    sender,
    text: typeof text === 'string' ? text : '',
    attachments,
    sentAt,
    threadKey,
    isPublic: true,
    meta: { type: 'comment', commentId },
  };
}

function feedAttachments(value: JsonRecord): Attachment[] {
  const attachments: Attachment[] = [];
  const photo = asText(value.photo);
  const video = asText(value.video);
  if (photo) attachments.push({ type: 'image', url: photo });
  if (video) attachments.push({ type: 'video', url: video });
  return attachments;
}

/** `field: "feed"`: only new comments by someone other than the Page become messages. */
export function feedChange(pageId: string, value: JsonRecord): InboundItem {
  const item = asText(value.item);
  if (item !== 'comment') return ignored(`feed ${item ?? 'change'} (only comments are handled)`);
  const verb = asText(value.verb);
  if (verb !== 'add') return ignored(`comment ${verb ?? 'change without verb'} (only new comments are handled)`);
  const from = asRecord(value.from);
  const fromId = asText(from?.id);
  if (fromId === pageId) return ignored("the page's own comment");
  const commentId = asText(value.comment_id);
  const postId = asText(value.post_id);
  if (!commentId || !postId) return ignored('feed comment without comment_id or post_id');
  const sender = fromId ? definedOnly<Sender>({ externalId: fromId, name: asText(from?.name) }) : anonymousSender(commentId, 'Facebook user');
  return publicMessage(commentId, postId, sender, value.message, dateFromEpoch(value.created_time, 's'), feedAttachments(value));
}

/** Instagram sends `entry.time` in seconds for changes; guard against milliseconds anyway. */
function entryDate(time: unknown): Date {
  return dateFromEpoch(time, typeof time === 'number' && time > 1e11 ? 'ms' : 's');
}

/** `field: "comments"` (and live comments): threaded by the media they were written under. */
export function instagramComment(accountId: string, value: JsonRecord, entryTime: unknown): InboundItem {
  const from = asRecord(value.from);
  const fromId = asText(from?.id);
  if (fromId === accountId) return ignored("the account's own comment");
  const commentId = asText(value.id);
  const mediaId = asText(asRecord(value.media)?.id);
  if (!commentId || !mediaId) return ignored('Instagram comment without id or media.id');
  const sender = fromId ? definedOnly<Sender>({ externalId: fromId, handle: asText(from?.username) }) : anonymousSender(commentId, 'Instagram user');
  return publicMessage(commentId, mediaId, sender, value.text, entryDate(entryTime));
}
