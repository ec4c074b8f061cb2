import type { ServerResponse } from 'node:http';
import { SIMULATED_ACCOUNTS, SIMULATED_PROFILES } from './accounts.js';
import type { SimContext } from './context.js';
import type { CustomerSaid, SimCustomer, ThreadHint } from './customers.js';
import { bearerToken, isRecord, sendJson, str, tokenMatches, type SimRequest } from './http-util.js';
import { randomDigits, randomToken } from './ids.js';
import { remember } from './memory.js';
import { graphBadRequest, graphError, graphInvalidToken, sendAnswer, type PlatformAnswer } from './platform-errors.js';
import type { WhatsAppApi } from './whatsapp-api.js';

/** `/{version?}/{object-id}/{edge?}`, for the edges Rapport calls. */
export const GRAPH_PATH = /^\/(?:v\d+(?:\.\d+)?\/)?([^/]+)(?:\/(messages|comments|replies))?$/;

type MetaKind = 'facebook' | 'instagram';

interface CommentRecord {
  kind: MetaKind;
  postId: string;
  parentId: string;
  /** Null for the page's own replies. */
  author: SimCustomer | null;
}

/** Graph's `updated_time` format: 2026-08-20T08:20:09+0000. */
function graphTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', '+0000');
}

/** A Messenger `m_…` or Instagram message id. */
function messageId(kind: MetaKind): string {
  return kind === 'instagram' ? `aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlE${randomToken(96)}` : `m_${randomToken(57)}`;
}

/** A new comment id: Instagram's stand alone, Facebook's carry the post's object id. */
function commentId(kind: MetaKind, postId: string): string {
  return kind === 'instagram' ? `178${randomDigits(14)}` : `${postId.split('_').pop() ?? postId}_${randomDigits(16)}`;
}

function noSuchObject(verb: 'get' | 'post', objectId: string): PlatformAnswer {
  return {
    status: 400,
    body: graphError(
      100,
      `Unsupported ${verb} request. Object with ID '${objectId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
      { error_subcode: 33, type: 'GraphMethodException' },
    ),
  };
}

/**
 * The Graph API for Messenger and Instagram: customers' messages and comments as webhooks, the Send API,
 * comment replies and profile look-ups. WhatsApp shares the paths and the token check, then has its own stand-in.
 */
export class GraphApi {
  private readonly comments = new Map<string, CommentRecord>();

  constructor(
    private readonly ctx: SimContext,
    private readonly whatsapp: WhatsAppApi,
  ) {}

  // Customers speaking -------------------------------------------------------------------------------------

  async sayMessage(customer: SimCustomer, text: string): Promise<CustomerSaid> {
    const now = Date.now();
    const instagram = customer.kind === 'instagram';
    const recipient = instagram ? SIMULATED_ACCOUNTS.instagram.accountId : SIMULATED_ACCOUNTS.facebook.pageId;
    const mid = messageId(instagram ? 'instagram' : 'facebook');
    const payload = {
      object: instagram ? 'instagram' : 'page',
      entry: [
        {
          time: now,
          id: recipient,
          messaging: [{ sender: { id: customer.platformId }, recipient: { id: recipient }, timestamp: now, message: { mid, text } }],
        },
      ],
    };
    const delivered = await this.ctx.webhooks.toMeta('/webhooks/meta', payload, `${customer.kind} DM from ${customer.name}`);
    return { externalId: mid, senderId: customer.platformId, delivered };
  }

  async sayFacebookComment(customer: SimCustomer, text: string, thread?: ThreadHint): Promise<CustomerSaid> {
    const now = Date.now();
    const postId = thread?.type === 'comment' ? thread.postId : customer.postId;
    const parentId = thread?.type === 'comment' ? thread.parentId : postId;
    const id = commentId('facebook', postId);
    remember(this.comments, id, { kind: 'facebook', postId, parentId, author: customer });
    const seconds = Math.floor(now / 1000);
    const payload = {
      entry: [
        {
          id: SIMULATED_ACCOUNTS.facebook.pageId,
          time: seconds,
          changes: [
            {
              value: {
                from: { id: customer.platformId, name: customer.name },
                post: { status_type: 'added_photos', is_published: true, updated_time: graphTime(now), promotion_status: 'inactive', id: postId },
                message: text,
                post_id: postId,
                comment_id: id,
                created_time: seconds,
                item: 'comment',
                parent_id: parentId,
                verb: 'add',
              },
              field: 'feed',
            },
          ],
        },
      ],
      object: 'page',
    };
    const delivered = await this.ctx.webhooks.toMeta('/webhooks/meta', payload, `facebook comment from ${customer.name}`);
    return { externalId: id, senderId: customer.platformId, delivered };
  }

  async sayInstagramComment(customer: SimCustomer, text: string, thread?: ThreadHint): Promise<CustomerSaid> {
    const now = Date.now();
    const mediaId = thread?.type === 'comment' ? thread.postId : customer.postId;
    const parentId = thread?.type === 'comment' ? thread.parentId : null;
    const id = commentId('instagram', mediaId);
    remember(this.comments, id, { kind: 'instagram', postId: mediaId, parentId: parentId ?? mediaId, author: customer });
    const payload = {
      entry: [
        {
          id: SIMULATED_ACCOUNTS.instagram.accountId,
          time: Math.floor(now / 1000),
          changes: [
            {
              value: {
                from: { id: customer.platformId, username: customer.handle },
                media: { id: mediaId, media_product_type: 'FEED' },
                id,
                ...(parentId ? { parent_id: parentId } : {}),
                text,
              },
              field: 'comments',
            },
          ],
        },
      ],
      object: 'instagram',
    };
    const delivered = await this.ctx.webhooks.toMeta('/webhooks/meta', payload, `instagram comment from ${customer.name}`);
    return { externalId: id, senderId: customer.platformId, delivered };
  }

  // The stand-in --------------------------------------------------------------------------------------------

  async handle({ method, path, query, parsed, req, res }: SimRequest, objectId: string, edge: string | null): Promise<void> {
    const body = parsed.ok && isRecord(parsed.value) ? parsed.value : {};
    const token = bearerToken(req) ?? str(query.access_token) ?? str(body.access_token);
    const isWhatsApp = objectId === SIMULATED_ACCOUNTS.whatsapp.phoneNumberId;
    const expected = isWhatsApp ? SIMULATED_ACCOUNTS.whatsapp.accessToken : SIMULATED_ACCOUNTS.facebook.pageAccessToken;
    if (!tokenMatches(token, expected)) return sendAnswer(res, graphInvalidToken());
    if (!parsed.ok) return sendAnswer(res, graphBadRequest('(#100) The request body could not be parsed as JSON'));

    if (method === 'GET' && edge === null) return this.profile(objectId, res);
    if (method !== 'POST' || edge === null) return sendAnswer(res, graphBadRequest(`(#100) Unsupported ${method.toLowerCase()} request.`));

    if (edge === 'messages') {
      if (isWhatsApp) return this.whatsapp.send(path, body, res);
      // `me` is the page when the token is a page token.
      if (objectId === 'me' || objectId === SIMULATED_ACCOUNTS.facebook.pageId || objectId === SIMULATED_ACCOUNTS.instagram.accountId) {
        return this.pageSend(path, objectId, body, res);
      }
      return sendAnswer(res, noSuchObject('post', objectId));
    }
    return this.commentReply(path, objectId, edge, body, res);
  }

  private profile(objectId: string, res: ServerResponse): void {
    if (objectId === SIMULATED_ACCOUNTS.facebook.pageId || objectId === 'me') {
      return sendJson(res, 200, { name: SIMULATED_PROFILES.facebook.pageName, id: SIMULATED_ACCOUNTS.facebook.pageId });
    }
    if (objectId === SIMULATED_ACCOUNTS.instagram.accountId) return sendJson(res, 200, { username: SIMULATED_PROFILES.instagram.username, id: objectId });
    const facebook = this.ctx.customers.byId('facebook', objectId);
    if (facebook) {
      const [first, ...rest] = facebook.name.split(' ');
      return sendJson(res, 200, {
        first_name: first ?? facebook.name,
        last_name: rest.join(' '),
        profile_pic: `https://platform-lookaside.fbsbx.com/platform/profilepic/?psid=${objectId}`,
        id: objectId,
      });
    }
    const instagram = this.ctx.customers.byId('instagram', objectId);
    if (instagram) {
      return sendJson(res, 200, {
        name: instagram.name,
        username: instagram.handle,
        profile_pic: `https://scontent.cdninstagram.com/v/${objectId}.jpg`,
        id: objectId,
      });
    }
    sendAnswer(res, noSuchObject('get', objectId));
  }

  private pageSend(path: string, objectId: string, body: Record<string, unknown>, res: ServerResponse): void {
    const { customers } = this.ctx;
    const recipient = isRecord(body.recipient) ? str(body.recipient.id) : undefined;
    // Both answer at the page id; the recipient tells them apart (simulated IGSIDs start with 1, PSIDs with 7).
    const kind: MetaKind =
      objectId === SIMULATED_ACCOUNTS.instagram.accountId ||
      customers.byId('instagram', recipient) ||
      (!customers.byId('facebook', recipient) && recipient?.startsWith('1'))
        ? 'instagram'
        : 'facebook';
    if (this.ctx.faults.take(kind, 'send', res)) return;
    if (!recipient) return sendAnswer(res, graphBadRequest('(#100) The parameter recipient is required'));
    const message = isRecord(body.message) ? body.message : null;
    const text = message ? str(message.text) : undefined;
    if (!message || ((text === undefined || text === '') && message.attachment === undefined)) {
      return sendAnswer(res, graphBadRequest('(#100) Param message[text] must be non-empty.'));
    }
    const mid = messageId(kind);
    this.ctx.replies.record({ kind, to: recipient, text: text ?? '', inReplyTo: null, path, body, id: mid, public: false });
    sendJson(res, 200, { recipient_id: recipient, message_id: mid });
    this.ctx.followUp(customers.byId(kind, recipient), { type: 'dm' });
  }

  private commentReply(path: string, objectId: string, edge: string, body: Record<string, unknown>, res: ServerResponse): void {
    const parent = this.comments.get(objectId);
    const kind: MetaKind = parent?.kind ?? this.ctx.customers.postKind(objectId) ?? (edge === 'replies' || /^17[89]/.test(objectId) ? 'instagram' : 'facebook');
    if (this.ctx.faults.take(kind, 'send', res)) return;
    const text = str(body.message);
    if (!text || text.trim() === '') return sendAnswer(res, graphBadRequest('(#100) Missing message or attachment'));
    const postId = parent?.postId ?? objectId;
    const id = commentId(kind, postId);
    remember(this.comments, id, { kind, postId, parentId: objectId, author: null });
    this.ctx.replies.record({ kind, to: parent?.author?.platformId ?? '', text, inReplyTo: objectId, path, body, id, public: true });
    sendJson(res, 200, { id });
    // Facebook threads one level deep: the customer answers under the top-level comment.
    const topLevel = parent && parent.author && this.comments.has(parent.parentId) ? parent.parentId : objectId;
    this.ctx.followUp(parent?.author ?? null, { type: 'comment', postId, parentId: topLevel });
  }
}
