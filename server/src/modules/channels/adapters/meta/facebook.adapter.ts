import type { ChannelAdapter, ChannelContext, CustomerProfileHint, ErrorVerdict, OutboundContext, SendResult } from '../../channel-adapter.js';
import { lookupMetaProfile } from './meta-profile.js';
import { classifyGraphError } from './graph-errors.js';
import { sendMetaReply } from './meta-send.js';

/**
 * Facebook Page: Messenger DMs are answered with the Send API to the PSID, Page feed comments with a
 * reply under the customer's comment (`POST /{comment-id}/comments`), so the answer stays in the thread.
 */
export class FacebookAdapter implements ChannelAdapter {
  readonly kind = 'facebook' as const;

  send(context: OutboundContext): Promise<SendResult> {
    return sendMetaReply(context, 'comments');
  }

  lookupProfile(channel: ChannelContext, externalId: string): Promise<CustomerProfileHint | null> {
    return lookupMetaProfile(channel, externalId, 'messenger');
  }

  classifyError(error: unknown): ErrorVerdict {
    return classifyGraphError(error);
  }
}
