import { BadRequestException, Controller, Get, HttpCode, NotFoundException, Param, Post, Req, Res, UnauthorizedException, type RawBodyRequest } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { WebhookRequest } from '../channels/channel-adapter.js';
import type { WebhookSourceName } from '../channels/webhook-sources.js';
import { Public } from '../auth/auth.decorators.js';
import { IngestService, type WebhookOutcome } from './ingest.service.js';
import { TelegramChannelPicker } from './telegram-channel.picker.js';

type RawRequest = RawBodyRequest<Request>;

/** The request as adapters see it; refuses anything that is not a JSON body. */
function webhookRequest(request: RawRequest): WebhookRequest {
  if (!request.rawBody || !request.is('application/json')) throw new BadRequestException('Send the event as application/json');
  return { rawBody: request.rawBody, headers: request.headers, query: request.query, params: request.params as Record<string, string> };
}

function answer(outcome: WebhookOutcome): { status: 'queued' } {
  if (outcome.result === 'unknown-channel') throw new NotFoundException(outcome.reason);
  if (outcome.result === 'forged') throw new UnauthorizedException(`Signature check failed: ${outcome.reason}`);
  if (outcome.result === 'malformed') throw new BadRequestException(`Malformed event: ${outcome.reason}`);
  return { status: 'queued' };
}

/** Platform webhooks: no bearer token, a signature instead. 200 only once the event is safely queued. */
@ApiExcludeController()
@Public()
@Controller('webhooks')
export class WebhooksController {
  constructor(
    private readonly ingest: IngestService,
    private readonly telegram: TelegramChannelPicker,
  ) {}

  @Post('api/:channelKey')
  @HttpCode(200)
  async api(@Param('channelKey') channelKey: string, @Req() request: RawRequest): Promise<{ status: 'queued' }> {
    return answer(await this.ingest.acceptApiWebhook(channelKey, webhookRequest(request)));
  }

  @Get('meta')
  metaHandshake(@Req() request: RawRequest, @Res() response: Response): void {
    this.handshake('meta', request, response);
  }

  @Post('meta')
  @HttpCode(200)
  async meta(@Req() request: RawRequest): Promise<{ status: 'queued' }> {
    return answer(await this.ingest.acceptSharedWebhook('meta', webhookRequest(request)));
  }

  @Get('whatsapp')
  whatsappHandshake(@Req() request: RawRequest, @Res() response: Response): void {
    this.handshake('whatsapp', request, response);
  }

  @Post('whatsapp')
  @HttpCode(200)
  async whatsapp(@Req() request: RawRequest): Promise<{ status: 'queued' }> {
    return answer(await this.ingest.acceptSharedWebhook('whatsapp', webhookRequest(request)));
  }

  /** X's CRC check: the same GET, answered with a response_token. */
  @Get('x')
  xHandshake(@Req() request: RawRequest, @Res() response: Response): void {
    this.handshake('x', request, response);
  }

  @Post('x')
  @HttpCode(200)
  async x(@Req() request: RawRequest): Promise<{ status: 'queued' }> {
    return answer(await this.ingest.acceptSharedWebhook('x', webhookRequest(request)));
  }

  @Post('telegram/:secret')
  @HttpCode(200)
  async telegramUpdate(@Req() request: RawRequest): Promise<{ status: 'queued' }> {
    return answer(await this.ingest.acceptSharedWebhook('telegram', webhookRequest(request), () => this.telegram.pick(request.query.channel)));
  }

  private handshake(source: WebhookSourceName, request: RawRequest, response: Response): void {
    const result = this.ingest.handshake(source, { rawBody: Buffer.alloc(0), headers: request.headers, query: request.query, params: {} });
    if (result.status === 200) response.status(200).type(result.contentType).send(result.body);
    else response.status(result.status).json({ statusCode: result.status, error: 'Handshake refused', message: result.reason });
  }
}
