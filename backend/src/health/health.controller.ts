import { Controller, Get, Inject, Logger } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorResult, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MAGENTO_DATA_SOURCE } from '../database/data-source-options';
import { describeFailure, isBusy } from '../database/database-failure';
import { withStatementBound } from '../database/statement-bound';

/** A probe that takes longer than this is as good as no answer for a load balancer. */
const PROBE_TIMEOUT_MS = 1_500;

/**
 * Open to load balancers: says whether each database answers, without any detail about it. The
 * shop is "degraded" (overall status degraded, still 200) when it answers but its product table
 * does not within the probe's bound, e.g. while a reindex holds a lock on it: imports would wait.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    @InjectDataSource() private readonly lookbook: DataSource,
    @InjectDataSource(MAGENTO_DATA_SOURCE) private readonly magento: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Health of the backend and each database' })
  check() {
    return this.health.check([
      () => withoutDriverMessage(this.db.pingCheck('lookbook_db', { connection: this.lookbook, timeout: PROBE_TIMEOUT_MS })),
      () => this.shopCheck(),
    ]);
  }

  private async shopCheck(): Promise<HealthIndicatorResult> {
    const ping = await withoutDriverMessage(this.db.pingCheck('magento_db', { connection: this.magento, timeout: PROBE_TIMEOUT_MS }));
    if (ping.magento_db?.status !== 'up') return ping;
    const startedAt = Date.now();
    try {
      await withStatementBound(PROBE_TIMEOUT_MS, () => this.magento.query(`SELECT 1 FROM \`${this.config.magento.tablePrefix}catalog_product_entity\` LIMIT 1`));
      return ping;
    } catch (error) {
      const status = isBusy(error) ? 'degraded' : 'down';
      logger.warn(`magento_db is ${status}: ${describeFailure('Magento', error)}`);
      return { magento_db: { status, responseTime: Date.now() - startedAt } };
    }
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
