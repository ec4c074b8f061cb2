import { Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller.js';
import { MetricsService } from './metrics.service.js';
import { QueueGauges } from './queue-gauges.service.js';
import { ReportsController } from './reports.controller.js';
import { ResponseTimesService } from './response-times.service.js';
import { VolumeService } from './volume.service.js';

@Module({ controllers: [MetricsController, ReportsController], providers: [MetricsService, QueueGauges, ResponseTimesService, VolumeService], exports: [MetricsService] })
export class MetricsModule {}
