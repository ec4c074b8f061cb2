import { Injectable } from '@nestjs/common';
import type { ChannelKind } from '@rapport/shared';
import type { ChannelAdapter } from './channel-adapter.js';
import { ApiChannelAdapter } from './adapters/api/api.adapter.js';

/** Finds the adapter for a channel kind. */
@Injectable()
export class ChannelRegistry {
  private readonly adapters = new Map<ChannelKind, ChannelAdapter>([[ 'api', new ApiChannelAdapter() ]]);

  get(kind: ChannelKind): ChannelAdapter {
    const adapter = this.adapters.get(kind);
    if (!adapter) throw new Error(`No adapter for channel kind "${kind}"`);
    return adapter;
  }
}
