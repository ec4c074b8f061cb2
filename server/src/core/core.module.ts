import { Global, Module, type DynamicModule } from '@nestjs/common';
import { CONFIG, type AppConfig } from '../config/env.js';
import { QueueService } from './queue.service.js';
import { RedisService } from './redis.service.js';

@Global()
@Module({})
export class CoreModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      providers: [{ provide: CONFIG, useValue: config }, RedisService, QueueService],
      exports: [CONFIG, RedisService, QueueService],
    };
  }
}
