import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { responseTimesQuery, volumeQuery, type ResponseTimesQuery, type VolumeQuery, type VolumeReport } from '@rapport/shared';
import { ZodPipe } from '../../common/zod.pipe.js';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import type { AuthUser } from '../auth/auth-user.js';
import { responseTimesCsv, ResponseTimesService } from './response-times.service.js';
import { VolumeService } from './volume.service.js';

/** Reports for leads and managers; agents get 403. */
@ApiTags('metrics')
@ApiBearerAuth()
@Controller('api/metrics')
export class ReportsController {
  constructor(
    private readonly responseTimes: ResponseTimesService,
    private readonly volume: VolumeService,
  ) {}

  @Get('response-times')
  @Roles('lead', 'manager', 'admin')
  async report(@CurrentUser() user: AuthUser, @Query(new ZodPipe(responseTimesQuery)) query: ResponseTimesQuery, @Headers('accept') accept: string | undefined, @Res() res: Response): Promise<void> {
    const report = await this.responseTimes.report(user, query);
    if (accept?.includes('text/csv')) res.type('text/csv').send(responseTimesCsv(report));
    else res.json(report);
  }

  @Get('volume')
  @Roles('lead', 'manager', 'admin')
  volumeReport(@CurrentUser() user: AuthUser, @Query(new ZodPipe(volumeQuery)) query: VolumeQuery): Promise<VolumeReport> {
    return this.volume.report(user, query);
  }
}
