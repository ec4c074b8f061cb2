import { Injectable, Logger } from '@nestjs/common';
import { ChannelSecretsError, openSecrets, sealSecrets, type SecretFields } from './channel-secrets.js';
import type { ChannelEntity } from './channel.entity.js';
import { SecretBox } from './secret-box.js';

/** Seals channel secrets for the table and opens them for webhooks, polls and sends. */
@Injectable()
export class ChannelSecrets {
  private readonly logger = new Logger(ChannelSecrets.name);

  constructor(private readonly box: SecretBox) {}

  seal(fields: SecretFields): string {
    return sealSecrets(this.box, fields);
  }

  /**
   * The start opened every row, so this fails only for a row changed since: that channel works without
   * its secrets (its webhooks and sends are refused) rather than every channel failing to load.
   */
  open(row: Pick<ChannelEntity, 'id' | 'name' | 'secrets'>): SecretFields {
    try {
      return openSecrets(this.box, row.secrets, row);
    } catch (err) {
      if (!(err instanceof ChannelSecretsError)) throw err;
      this.logger.error(err.message);
      return {};
    }
  }
}
