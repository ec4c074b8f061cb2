import type { ChannelAdapter, ErrorVerdict, OutboundContext, SendResult } from '../../channel-adapter.js';
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

  classifyError(error: unknown): ErrorVerdict {
    return classifyGraphError(error);
  }
}
