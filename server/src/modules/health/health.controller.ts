import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { HealthResponse } from '@rapport/shared';
import { RedisService } from '../../core/redis.service.js';
import { Public } from '../auth/auth.decorators.js';

@ApiTags('health')
@Public()
@Controller('api/health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly redis: RedisService,
  ) {}

  @Get()
  async check(): Promise<HealthResponse> {
    const [postgres, redis] = await Promise.all([
      Promise.race([
        this.dataSource.query('SELECT 1').then(() => 'ok' as const, () => 'down' as const),
        new Promise<'down'>((resolve) => setTimeout(() => resolve('down'), 3000).unref()),
      ]),
      this.redis.ping().then((up) => (up ? ('ok' as const) : ('down' as const))),
    ]);
    const health: HealthResponse = { status: postgres === 'ok' && redis === 'ok' ? 'ok' : 'error', postgres, redis };
    if (health.status !== 'ok') throw new ServiceUnavailableException(health);
    return health;
  }
}
