import { Controller, Get, Logger } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorResult, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MAGENTO_DATA_SOURCE } from '../database/data-source-options';

/** Open to load balancers: says whether each database answers, without any detail about it. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    @InjectDataSource() private readonly lookbook: DataSource,
    @InjectDataSource(MAGENTO_DATA_SOURCE) private readonly magento: DataSource,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Health of the backend and each database' })
  check() {
    return this.health.check([
      () => withoutDriverMessage(this.db.pingCheck('lookbook_db', { connection: this.lookbook, timeout: 1_500 })),
      () => withoutDriverMessage(this.db.pingCheck('magento_db', { connection: this.magento, timeout: 1_500 })),
    ]);
  }
}

/**
 * A failed ping carries the driver's message ("connect ECONNREFUSED host:port"): it goes to the log,
 * never to this open endpoint.
 */
async function withoutDriverMessage(check: PromiseLike<HealthIndicatorResult>): Promise<HealthIndicatorResult> {
  const result = await check;
  return Object.fromEntries(
    Object.entries(result).map(([key, { message, ...rest }]) => {
      if (message) logger.warn(`${key} is down: ${message}`);
      return [key, rest];
    }),
  ) as HealthIndicatorResult;
}

const logger = new Logger('Health');
