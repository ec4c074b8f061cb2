import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import type { HealthResponse } from '@rapport/shared';
import { RETRY_AFTER_SECONDS } from '../../common/dependency-errors.js';
import { RedisService } from '../../core/redis.service.js';
import { Public } from '../auth/auth.decorators.js';
import { healthVerdict, type Probe } from './health-verdict.js';

const PROBE_TIMEOUT_MS = 3000;

@ApiTags('health')
@Public()
@Controller('api/health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly redis: RedisService,
  ) {}

  /** 200 when Postgres and Redis answer; else 503 naming the one that does not, within about 3 s. */
  @Get()
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthResponse> {
    const [postgres, redis] = await Promise.all([
      probe(this.dataSource.query('SELECT 1').then(() => undefined), PROBE_TIMEOUT_MS),
      probe(
        this.redis.ping(PROBE_TIMEOUT_MS).then((up) => {
          if (!up) throw new Error(`no answer within ${PROBE_TIMEOUT_MS / 1000} s`);
        }),
        PROBE_TIMEOUT_MS,
      ),
    ]);
    const health = healthVerdict(postgres, redis);
    if (health.status === 'ok') return health;
    response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    throw new ServiceUnavailableException({ statusCode: 503, error: 'Service Unavailable', ...health });
  }
}

/** Settles within `timeoutMs` whatever the store does: a hanging connection is "down" too. */
async function probe(work: Promise<void>, timeoutMs: number): Promise<Probe> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Probe>((resolve) => {
    timer = setTimeout(() => resolve({ up: false, error: new Error(`no answer within ${timeoutMs / 1000} s`) }), timeoutMs);
  });
  try {
    return await Promise.race([work.then((): Probe => ({ up: true }), (error: unknown): Probe => ({ up: false, error })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
