import type { Attachment } from '@rapport/shared';
import type { InboundItem, InboundMessage } from '../../channel-adapter.js';
import { asText, dateFromEpoch, definedOnly, ignored, optionalString, requireId, requireRecord, type JsonRecord } from './wire.js';

/** Public comments from `entry[].changes[]`: Facebook Page feed and Instagram media comments. */

type Sender = InboundMessage['sender'];

/**
 * `from` is only sent once the app has the right permissions; without it the comment is still a
 * public complaint worth answering (in the thread), so it gets a one-off sender instead of being lost.
 */
function anonymousSender(commentId: string, name: string): Sender {
  return { externalId: `anonymous-comment:${commentId}`, name };
}

function publicMessage(commentId: string, threadKey: string, sender: Sender, text: string | undefined, sentAt: Date, attachments: Attachment[] = []): InboundMessage {
  return {
    kind: 'message',
    externalId: commentId,
    sender,
    text: text ?? '',
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

/** The commenter's id when `from` is given; a `from` of the wrong shape is unreadable, not anonymous. */
function fromOf(value: JsonRecord, path: string): { from: JsonRecord | undefined; fromId: string | undefined } {
  if (value.from === undefined || value.from === null) return { from: undefined, fromId: undefined };
  const from = requireRecord(value.from, `${path}.from`);
  return { from, fromId: from.id === undefined ? undefined : requireId(from.id, `${path}.from.id`) };
}

/** `field: "feed"`: only new comments by someone other than the Page become messages. `path` names `value`. */
export function feedChange(pageId: string, value: JsonRecord, path: string): InboundItem {
  const item = asText(value.item);
  if (item !== 'comment') return ignored(`feed ${item ?? 'change'} (only comments are handled)`);
  const verb = asText(value.verb);
  if (verb !== 'add') return ignored(`comment ${verb ?? 'change without verb'} (only new comments are handled)`);
  const { from, fromId } = fromOf(value, path);
  if (fromId === pageId) return ignored("the page's own comment");
  const commentId = requireId(value.comment_id, `${path}.comment_id`);
  const postId = requireId(value.post_id, `${path}.post_id`);
  const sender = fromId ? definedOnly<Sender>({ externalId: fromId, name: asText(from?.name) }) : anonymousSender(commentId, 'Facebook user');
  return publicMessage(commentId, postId, sender, optionalString(value.message, `${path}.message`), dateFromEpoch(value.created_time, 's'), feedAttachments(value));
}

/** Instagram sends `entry.time` in seconds for changes; guard against milliseconds anyway. */
function entryDate(time: unknown): Date {
  return dateFromEpoch(time, typeof time === 'number' && time > 1e11 ? 'ms' : 's');
}

/** `field: "comments"` (and live comments): threaded by the media they were written under. `path` names `value`. */
export function instagramComment(accountId: string, value: JsonRecord, entryTime: unknown, path: string): InboundItem {
  const { from, fromId } = fromOf(value, path);
  if (fromId === accountId) return ignored("the account's own comment");
  const commentId = requireId(value.id, `${path}.id`);
  const mediaId = requireId(requireRecord(value.media, `${path}.media`).id, `${path}.media.id`);
  const sender = fromId ? definedOnly<Sender>({ externalId: fromId, handle: asText(from?.username) }) : anonymousSender(commentId, 'Instagram user');
  return publicMessage(commentId, mediaId, sender, optionalString(value.text, `${path}.text`), entryDate(entryTime));
}
