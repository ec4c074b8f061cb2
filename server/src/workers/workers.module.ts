import { Module } from '@nestjs/common';
import { IngestModule } from '../modules/ingest/ingest.module.js';
import { OutboundModule } from '../modules/outbound/outbound.module.js';
import { WorkersService } from './workers.service.js';

@Module({ imports: [IngestModule, OutboundModule], providers: [WorkersService] })
export class WorkersModule {}
