import { Injectable } from '@nestjs/common';
import type { ChannelKind } from '@rapport/shared';
import type { ChannelAdapter } from './channel-adapter.js';
import { ApiChannelAdapter } from './adapters/api/api.adapter.js';
import { FacebookAdapter } from './adapters/meta/facebook.adapter.js';
import { InstagramAdapter } from './adapters/meta/instagram.adapter.js';
import { WhatsappAdapter } from './adapters/whatsapp/whatsapp.adapter.js';
import { XAdapter } from './adapters/x/x.adapter.js';
import { TelegramAdapter } from './adapters/telegram/telegram.adapter.js';
import { MastodonAdapter } from './adapters/mastodon/mastodon.adapter.js';

/** The adapter of each channel kind. */
@Injectable()
export class ChannelRegistry {
  private readonly adapters = new Map<ChannelKind, ChannelAdapter>(
    [new ApiChannelAdapter(), new FacebookAdapter(), new InstagramAdapter(), new WhatsappAdapter(), new XAdapter(), new TelegramAdapter(), new MastodonAdapter()].map((a) => [a.kind, a]),
  );

  get(kind: ChannelKind): ChannelAdapter {
    const adapter = this.adapters.get(kind);
    if (!adapter) throw new Error(`No adapter for channel kind "${kind}"`);
    return adapter;
  }
}
