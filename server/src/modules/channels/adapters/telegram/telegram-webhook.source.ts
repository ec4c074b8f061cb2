import type { AppConfig } from '../../../../config/env.js';
import type { RoutedItem, VerifyResult, WebhookRequest, WebhookSource } from '../../channel-adapter.js';
import { headerValue, safeEqual } from '../../signature.js';
import { itemOrUnreadable } from '../adapter-kit.js';
import { telegramUpdate, telegramUpdateItem } from './telegram-updates.js';

export const TELEGRAM_SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/**
 * `/webhooks/telegram/:secret`: Telegram signs nothing, so the secret in the URL (and the
 * `secret_token` header, when `setWebhook` was given one) is the credential.
 */
export class TelegramWebhookSource implements WebhookSource {
  readonly name = 'telegram' as const;

  verify(request: WebhookRequest, config: AppConfig): VerifyResult {
    const expected = config.TELEGRAM_WEBHOOK_SECRET;
    // Older call sites build requests without params: read them defensively.
    const fromPath = (request as Partial<Pick<WebhookRequest, 'params'>>).params?.secret;
    const fromHeader = headerValue(request.headers, TELEGRAM_SECRET_HEADER);
    if (!fromPath && !fromHeader) return { ok: false, reason: `missing webhook secret (URL path or ${TELEGRAM_SECRET_HEADER} header)` };
    // Every credential that is present must match: a right path does not excuse a wrong header.
    if (fromPath !== undefined && !safeEqual(fromPath, expected)) return { ok: false, reason: 'webhook secret in the URL does not match' };
    if (fromHeader !== undefined && !safeEqual(fromHeader, expected)) return { ok: false, reason: `${TELEGRAM_SECRET_HEADER} does not match` };
    return { ok: true };
  }

  /**
   * One Update per request; the controller knows which bot (channel) the URL belongs to. A body without
   * update_id is refused; an update whose message Rapport cannot read is kept as a dead letter.
   */
  route(body: unknown): RoutedItem[] {
    telegramUpdate(body);
    return [{ address: { kind: 'telegram', accountId: '' }, item: itemOrUnreadable(() => telegramUpdateItem(body)) }];
  }
}
