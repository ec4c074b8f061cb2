import { Module } from '@nestjs/common';
import { EnrichmentModule } from '../modules/enrichment/enrichment.module.js';
import { FollowUpsModule } from '../modules/follow-ups/follow-ups.module.js';
import { IngestModule } from '../modules/ingest/ingest.module.js';
import { OutboundModule } from '../modules/outbound/outbound.module.js';
import { PrivacyModule } from '../modules/privacy/privacy.module.js';
import { RoutingModule } from '../modules/routing/routing.module.js';
import { SlaModule } from '../modules/sla/sla.module.js';
import { WorkersService } from './workers.service.js';

@Module({ imports: [IngestModule, OutboundModule, RoutingModule, EnrichmentModule, SlaModule, FollowUpsModule, PrivacyModule], providers: [WorkersService] })
export class WorkersModule {}
