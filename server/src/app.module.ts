import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { databasePoolSize, type AppConfig } from './config/env.js';
import { CoreModule } from './core/core.module.js';
import { dataSourceOptions } from './database/data-source.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { CannedResponsesModule } from './modules/canned-responses/canned-responses.module.js';
import { ChannelsModule } from './modules/channels/channels.module.js';
import { ConversationsModule } from './modules/conversations/conversations.module.js';
import { CustomersModule } from './modules/customers/customers.module.js';
import { DeadLettersModule } from './modules/dead-letters/dead-letters.module.js';
import { FollowUpsModule } from './modules/follow-ups/follow-ups.module.js';
import { HealthController } from './modules/health/health.controller.js';
import { IngestModule } from './modules/ingest/ingest.module.js';
import { MetricsModule } from './modules/metrics/metrics.module.js';
import { PrivacyModule } from './modules/privacy/privacy.module.js';
import { RealtimeModule } from './modules/realtime/realtime.module.js';
import { RoutingModule } from './modules/routing/routing.module.js';
import { SlaModule } from './modules/sla/sla.module.js';
import { WorkersModule } from './workers/workers.module.js';

@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.register(config),
        TypeOrmModule.forRoot({ ...dataSourceOptions(config.DATABASE_URL, databasePoolSize(config)), autoLoadEntities: false }),
        MetricsModule,
        AuditModule,
        AuthModule,
        ChannelsModule,
        RealtimeModule,
        ConversationsModule,
        RoutingModule,
        SlaModule,
        CannedResponsesModule,
        CustomersModule,
        PrivacyModule,
        FollowUpsModule,
        IngestModule,
        DeadLettersModule,
        WorkersModule,
      ],
      controllers: [HealthController],
    };
  }
}
