import { BadRequestException, Controller, HttpCode, NotFoundException, Param, Post, Req, UnauthorizedException, type RawBodyRequest } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../auth/auth.decorators.js';
import { IngestService } from './ingest.service.js';

/** Platform webhooks: no bearer token, a signature instead. 200 only once the event is safely queued. */
@ApiExcludeController()
@Public()
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly ingest: IngestService) {}

  @Post('api/:channelKey')
  @HttpCode(200)
  async api(@Param('channelKey') channelKey: string, @Req() request: RawBodyRequest<Request>): Promise<{ status: 'queued' }> {
    const rawBody = request.rawBody;
    if (!rawBody || !request.is('application/json')) throw new BadRequestException('Send the event as application/json');
    const outcome = await this.ingest.acceptWebhook({ kind: 'api', key: channelKey }, { rawBody, headers: request.headers, query: request.query });
    if (outcome.result === 'unknown-channel') throw new NotFoundException(`No API channel with key "${channelKey}"`);
    if (outcome.result === 'forged') throw new UnauthorizedException(`Signature check failed: ${outcome.reason}`);
    if (outcome.result === 'malformed') throw new BadRequestException(`Malformed event: ${outcome.reason}`);
    return { status: 'queued' };
  }
}
