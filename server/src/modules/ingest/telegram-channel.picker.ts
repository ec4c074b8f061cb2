import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { ChannelsService } from '../channels/channels.service.js';

/**
 * Telegram updates do not say which bot they are for: `?channel=<id>` names the channel, and with a single
 * Telegram channel it may be left out.
 */
@Injectable()
export class TelegramChannelPicker {
  constructor(private readonly channels: ChannelsService) {}

  async pick(requested: unknown): Promise<string> {
    const telegram = await this.channels.enabledOfKind('telegram');
    if (typeof requested === 'string' && requested !== '') {
      const channel = telegram.find((c) => c.id === requested);
      if (!channel) throw new NotFoundException('No enabled Telegram channel with that id');
      return channel.id;
    }
    if (telegram.length === 1) return telegram[0]!.id;
    if (telegram.length === 0) throw new NotFoundException('No Telegram channel is configured');
    throw new BadRequestException('Several Telegram channels exist: add ?channel=<channel id> to the webhook URL');
  }
}
