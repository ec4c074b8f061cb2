import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { listAuditQuery, type AuditEntry, type ListAuditQuery, type Page } from '@rapport/shared';
import { ZodPipe } from '../../common/zod.pipe.js';
import { Roles } from '../auth/auth.decorators.js';
import { AuditService } from './audit.service.js';

@ApiTags('audit')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** Newest first, filtered by action, actor, target and period. */
  @Get()
  list(@Query(new ZodPipe(listAuditQuery)) query: ListAuditQuery): Promise<Page<AuditEntry>> {
    return this.audit.list(query);
  }
}
