import type { ChannelAdapter, ChannelContext, CustomerProfileHint, ErrorVerdict, OutboundContext, SendResult } from '../../channel-adapter.js';
import { lookupMetaProfile } from './meta-profile.js';
import { classifyGraphError } from './graph-errors.js';
import { sendMetaReply } from './meta-send.js';

/**
 * Instagram professional account: DMs go through the Send API to the IGSID (via the linked Page),
 * comments are answered with `POST /{comment-id}/replies`.
 */
export class InstagramAdapter implements ChannelAdapter {
  readonly kind = 'instagram' as const;

  send(context: OutboundContext): Promise<SendResult> {
    return sendMetaReply(context, 'replies');
  }

  lookupProfile(channel: ChannelContext, externalId: string): Promise<CustomerProfileHint | null> {
    return lookupMetaProfile(channel, externalId, 'instagram');
  }

  classifyError(error: unknown): ErrorVerdict {
    return classifyGraphError(error);
  }
}
