import { Injectable } from '@nestjs/common';
import type { WebhookSource } from './channel-adapter.js';
import { MetaWebhookSource } from './adapters/meta/meta-webhook.source.js';
import { WhatsappWebhookSource } from './adapters/whatsapp/whatsapp-webhook.source.js';
import { XWebhookSource } from './adapters/x/x-webhook.source.js';
import { TelegramWebhookSource } from './adapters/telegram/telegram-webhook.source.js';

export type WebhookSourceName = WebhookSource['name'];

/** The shared platform webhooks, by the path they are posted to. */
@Injectable()
export class WebhookSources {
  private readonly sources = new Map<WebhookSourceName, WebhookSource>(
    [new MetaWebhookSource(), new WhatsappWebhookSource(), new XWebhookSource(), new TelegramWebhookSource()].map((s) => [s.name, s]),
  );

  get(name: WebhookSourceName): WebhookSource {
    const source = this.sources.get(name);
    if (!source) throw new Error(`No webhook source "${name}"`);
    return source;
  }
}
