import { PlatformError, type ChannelAdapter, type ErrorVerdict, type OutboundContext, type SendResult } from '../../channel-adapter.js';
import { configString, requireSecret } from '../adapter-kit.js';
import { graphBase, graphPath, postGraph } from '../meta/graph-api.js';
import { classifyGraphError } from '../meta/graph-errors.js';
import { asList, asRecord, asText } from '../meta/wire.js';

export const WHATSAPP_API_VERSION = 'v26.0';
export const WHATSAPP_MAX_TEXT = 4096;

/** Body as in whatsapp-send-text-request.json; quoting the customer's message keeps the reply in context. */
export function whatsappTextBody(to: string, text: string, quotedId: string | undefined): Record<string, unknown> {
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to,
    type: 'text',
    ...(quotedId ? { context: { message_id: quotedId } } : {}),
    text: { preview_url: false, body: text },
  };
}

/** WhatsApp Cloud API: free-form text replies from the business phone number. */
export class WhatsappAdapter implements ChannelAdapter {
  readonly kind = 'whatsapp' as const;

  async send({ channel, text, recipient, replyTo }: OutboundContext): Promise<SendResult> {
    // Meta would refuse it too; failing here says why without a round trip (400: never retried).
    const length = [...text].length;
    if (length > WHATSAPP_MAX_TEXT) throw new PlatformError(`The reply is ${length} characters long; WhatsApp allows at most ${WHATSAPP_MAX_TEXT}`, 400);
    const phoneNumberId = configString(channel, 'phoneNumberId');
    if (!phoneNumberId) throw new PlatformError('The channel has no phoneNumberId configured', 400);
    const url = `${graphBase(channel, WHATSAPP_API_VERSION)}/${graphPath(phoneNumberId, 'messages')}`;
    const answer = await postGraph(url, requireSecret(channel, 'accessToken'), whatsappTextBody(recipient.externalId, text, replyTo?.externalId));
    return { externalId: asText(asRecord(asList(answer?.messages)[0])?.id) ?? null };
  }

  classifyError(error: unknown): ErrorVerdict {
    return classifyGraphError(error);
  }
}
