import { Body, Controller, Get, HttpCode, Param, Post, StreamableFile } from '@nestjs/common';
import { Readable } from 'node:stream';
import { ApiBearerAuth, ApiBody, ApiProduces, ApiTags } from '@nestjs/swagger';
import { eraseCustomerBody, type EraseResult } from '@rapport/shared';
import { schema } from '../../common/json-schema.js';
import { Origin, type RequestOrigin } from '../../common/request-origin.js';
import { UuidPipe } from '../../common/uuid.pipe.js';
import { ZodPipe } from '../../common/zod.pipe.js';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import type { AuthUser } from '../auth/auth-user.js';
import { CustomerExportService } from './customer-export.service.js';
import { ErasureService } from './erasure.service.js';

/** A customer's data under their control: everything Rapport holds, as a download; or all of it erased. */
@ApiTags('customers')
@ApiBearerAuth()
@Roles('admin', 'manager')
@Controller('api/customers')
export class PrivacyController {
  constructor(
    private readonly exports: CustomerExportService,
    private readonly erasure: ErasureService,
  ) {}

  @Get(':id/export')
  @ApiProduces('application/json')
  async export(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Origin() origin: RequestOrigin): Promise<StreamableFile> {
    const file = await this.exports.start(user, id, origin);
    return new StreamableFile(Readable.from(file.chunks), { type: 'application/json; charset=utf-8', disposition: `attachment; filename="${file.filename}"` });
  }

  /** Body `{ "confirm": true }`: never one stray click. */
  @Post(':id/erase')
  @HttpCode(200)
  @ApiBody({ schema: schema(eraseCustomerBody) })
  erase(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body(new ZodPipe(eraseCustomerBody)) _body: unknown, @Origin() origin: RequestOrigin): Promise<EraseResult> {
    return this.erasure.erase(user, id, origin);
  }
}
