import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { WebhookSourceName } from '../channels/webhook-sources.js';
import { Public } from '../auth/auth.decorators.js';
import { IngestService } from './ingest.service.js';

/**
 * The platforms' subscription handshakes (Meta's and WhatsApp's verify token, X's CRC check). The events
 * themselves (POST) are taken by the webhook intake, ahead of the router.
 */
@ApiExcludeController()
@Public()
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly ingest: IngestService) {}

  @Get('meta')
  metaHandshake(@Req() request: Request, @Res() response: Response): void {
    this.handshake('meta', request, response);
  }

  @Get('whatsapp')
  whatsappHandshake(@Req() request: Request, @Res() response: Response): void {
    this.handshake('whatsapp', request, response);
  }

  /** X's CRC check: the same GET, answered with a response_token. */
  @Get('x')
  xHandshake(@Req() request: Request, @Res() response: Response): void {
    this.handshake('x', request, response);
  }

  private handshake(source: WebhookSourceName, request: Request, response: Response): void {
    const result = this.ingest.handshake(source, { rawBody: Buffer.alloc(0), headers: request.headers, query: request.query, params: {} });
    if (result.status === 200) response.status(200).type(result.contentType).send(result.body);
    else response.status(result.status).json({ statusCode: result.status, error: 'Handshake refused', message: result.reason });
  }
}
