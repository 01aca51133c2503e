import { Controller, Get, Inject, Logger } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorResult, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MAGENTO_DATA_SOURCE } from '../database/data-source-options';
import { describeFailure, isBusy } from '../database/database-failure';
import { withStatementBound } from '../database/statement-bound';
import { ShopDiagnosisMonitor } from '../product-import/diagnosis/shop-diagnosis-monitor';

/** A probe that takes longer than this is as good as no answer for a load balancer. */
const PROBE_TIMEOUT_MS = 1_500;

/**
 * Open to load balancers: says whether each database answers, without any detail about where it
 * is. The shop is `down` (503) while its database cannot be connected to, `degraded` (overall
 * status degraded, still 200) when it answers but cannot be imported from as configured (a wrong
 * table prefix or store, …) or its product table does not answer within the probe's bound (a
 * reindex holding a lock: imports would wait). Either carries the shop's first problem as
 * `problem`, in the words of the dialog and `npm run shop:check` (settings and tables, never a host).
 * Each change of a database's state is logged once, not every probe.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  private readonly logged = new Map<string, string>();

  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    @InjectDataSource() private readonly lookbook: DataSource,
    @InjectDataSource(MAGENTO_DATA_SOURCE) private readonly magento: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly diagnosis: ShopDiagnosisMonitor,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Health of the backend and each database' })
  check() {
    return this.health.check([
      () => this.loggedOnChange(this.withoutDriverMessage(this.db.pingCheck('lookbook_db', { connection: this.lookbook, timeout: PROBE_TIMEOUT_MS }))),
      () => this.loggedOnChange(this.shopCheck()),
    ]);
  }

  private async shopCheck(): Promise<HealthIndicatorResult> {
    const ping = await this.withoutDriverMessage(this.db.pingCheck('magento_db', { connection: this.magento, timeout: PROBE_TIMEOUT_MS }));
    const last = this.diagnosis.last;
    if (ping.magento_db?.status !== 'up') {
      // Gone (or never there): the diagnosis says why, in words.
      const findings = last?.unreachable ? last : await this.diagnosis.recheck(PROBE_TIMEOUT_MS);
      return { magento_db: { ...ping.magento_db, ...problemOf(findings) } };
    }
    // Back: what it says now, not what it said while it was away; a problem is looked at again now and then.
    const findings = !last || last.unreachable ? await this.diagnosis.recheck(PROBE_TIMEOUT_MS) : await this.diagnosis.current(PROBE_TIMEOUT_MS);
    if (findings.problems.length > 0) return { magento_db: { ...ping.magento_db, status: 'degraded', ...problemOf(findings) } };
    const startedAt = Date.now();
    try {
      await withStatementBound(PROBE_TIMEOUT_MS, () => this.magento.query(`SELECT 1 FROM \`${this.config.magento.tablePrefix}catalog_product_entity\` LIMIT 1`));
      return ping;
    } catch (error) {
      return { magento_db: { status: isBusy(error) ? 'degraded' : 'down', responseTime: Date.now() - startedAt, reason: describeFailure('Magento', error) } };
    }
  }

  /**
   * A failed ping carries the driver's message ("connect ECONNREFUSED host:port"): it goes to the
   * log (with the state change), never to this open endpoint.
   */
  private async withoutDriverMessage(check: PromiseLike<HealthIndicatorResult>): Promise<HealthIndicatorResult> {
    const result = await check;
    return Object.fromEntries(Object.entries(result).map(([key, { message, ...rest }]) => [key, message ? { ...rest, reason: String(message) } : rest])) as HealthIndicatorResult;
  }

  /** Logs a database's state when it differs from the last probe's, and drops the log-only reason. */
  private async loggedOnChange(check: Promise<HealthIndicatorResult>): Promise<HealthIndicatorResult> {
    const result = await check;
    return Object.fromEntries(
      Object.entries(result).map(([key, { reason, ...rest }]) => {
        const said = [rest.status, rest.problem ?? reason].filter(Boolean).join(': ');
        if (this.logged.get(key) !== said) {
          if (rest.status === 'up') {
            if (this.logged.has(key)) logger.log(`${key} is up`);
          } else logger.warn(`${key} is ${said}`);
          this.logged.set(key, said);
        }
        return [key, rest];
      }),
    ) as HealthIndicatorResult;
  }
}

function problemOf(findings: { problems: string[] }): { problem?: string } {
  return findings.problems.length > 0 ? { problem: findings.problems[0] } : {};
}

const logger = new Logger('Health');
