import { Module } from '@nestjs/common';
import { EnrichmentModule } from '../modules/enrichment/enrichment.module.js';
import { FollowUpsModule } from '../modules/follow-ups/follow-ups.module.js';
import { IngestModule } from '../modules/ingest/ingest.module.js';
import { OutboundModule } from '../modules/outbound/outbound.module.js';
import { RoutingModule } from '../modules/routing/routing.module.js';
import { SlaModule } from '../modules/sla/sla.module.js';
import { WorkersService } from './workers.service.js';

@Module({ imports: [IngestModule, OutboundModule, RoutingModule, EnrichmentModule, SlaModule, FollowUpsModule], providers: [WorkersService] })
export class WorkersModule {}
