import { Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller.js';
import { MetricsService } from './metrics.service.js';
import { ResponseTimesController } from './response-times.controller.js';
import { ResponseTimesService } from './response-times.service.js';

@Module({ controllers: [MetricsController, ResponseTimesController], providers: [MetricsService, ResponseTimesService], exports: [MetricsService] })
export class MetricsModule {}
