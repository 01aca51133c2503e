import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { MAGENTO_DATA_SOURCE } from '../../database/data-source-options';
import { NamedDataSource } from '../../database/named-data-source';
import { diagnoseShop } from '../adapters/magento/shop-diagnosis';
import { describeProfile } from '../adapters/magento/shop-profile';
import { ImportJob } from '../domain/import-job';
import { ProductSink, SHOP_CURRENCY_META_KEY } from '../ports/product-sink';

/** What the last look at the shop found; what GET …/state and health show. */
export interface ShopFindings {
  /** Each a sentence with its fix; while there is one, imports cannot run. */
  problems: string[];
  /** Advice: imports run, but something is worth changing. */
  hints: string[];
  /** True when the shop's database could not be connected to at all. */
  unreachable: boolean;
  /** When the check behind these findings ended; null when none has ended yet. */
  checkedAt: Date | null;
}

/** Whether a job ended because of the shop (out of reach, or not as configured): its messages name the Magento database. */
export function failedForShopReason(job: Pick<ImportJob, 'status' | 'error_message'> | null): boolean {
  return job?.status === 'failed' && (job.error_message?.startsWith('Magento database') ?? false);
}

/** Findings that show a problem are looked at again when older than this, when asked. */
const RECHECK_PROBLEMS_AFTER_MS = 2_000;
/**
 * How long a re-check of known problems is waited for: a refused connection or a fixed setting
 * answers at once; a shop that times out is not worth another long wait (the last findings say so).
 */
const RECHECK_WAIT_MS = 1_000;

/**
 * The shop's diagnosis (the same checks as `npm run shop:check`), kept for the dialog and the
 * health check: taken at boot, again when a job fails for a shop reason, when health sees the shop
 * come back or go, and, while it shows a problem, whenever someone asks after a short while (so a
 * fixed grant or a restarted shop shows at the next look). One check at a time; each change of
 * findings is logged once, in one line.
 */
@Injectable()
export class ShopDiagnosisMonitor implements OnApplicationBootstrap {
  private readonly logger = new Logger('Shop');
  private latest?: ShopFindings;
  private checking?: Promise<ShopFindings>;
  private storedCurrency?: string;

  constructor(
    @InjectDataSource(MAGENTO_DATA_SOURCE) private readonly shop: NamedDataSource,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'magento'>,
    private readonly sink: ProductSink,
  ) {}

  /** In the background: the backend listens whatever the shop does. */
  onApplicationBootstrap(): void {
    void this.check();
  }

  /** The findings as last taken, without waiting; undefined before the first check ended. */
  get last(): ShopFindings | undefined {
    return this.latest;
  }

  /**
   * The findings for someone about to act on them: waits up to `waitMs` for the first check, and
   * up to a second for a re-check of findings that show a problem. A shop that has not answered by
   * then is a problem of its own.
   */
  async current(waitMs: number, lastJob: Pick<ImportJob, 'status' | 'error_message' | 'finished_at'> | null = null): Promise<ShopFindings> {
    const latest = this.latest;
    if (!latest) return this.recheck(waitMs);
    const stale = latest.problems.length > 0 && Date.now() - latest.checkedAt!.getTime() > RECHECK_PROBLEMS_AFTER_MS;
    // A job the shop failed since the last check says the findings are out of date.
    const contradicted = failedForShopReason(lastJob) && lastJob!.finished_at !== null && new Date(lastJob!.finished_at) >= latest.checkedAt!;
    return stale || contradicted ? this.recheck(Math.min(waitMs, RECHECK_WAIT_MS)) : latest;
  }

  /** Checks now (or joins the check under way), waiting up to `waitMs` for its findings. */
  async recheck(waitMs: number): Promise<ShopFindings> {
    const checking = this.check();
    const found = await Promise.race([checking, sleep(waitMs, undefined, { ref: false })]);
    return found ?? this.latest ?? notAnsweredWithin(waitMs);
  }

  /** One check at a time; callers meanwhile share it. */
  check(): Promise<ShopFindings> {
    this.checking ??= this.diagnose().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async diagnose(): Promise<ShopFindings> {
    const diagnosis = await diagnoseShop(this.shop, this.config.magento);
    const findings: ShopFindings = { problems: diagnosis.problems, hints: diagnosis.hints, unreachable: diagnosis.unreachable, checkedAt: new Date() };
    const before = this.latest;
    this.latest = findings;
    if (!before || describe(before) !== describe(findings)) {
      if (findings.problems.length > 0) this.logger.warn(`Shop check: ${findings.problems.join(' ')}${hintsOf(findings)}`);
      else this.logger.log(`Shop check: OK${diagnosis.profile ? `: ${describeProfile(diagnosis.profile)}` : ''}${hintsOf(findings)}`);
    }
    if (diagnosis.currency) await this.storeCurrency(diagnosis.currency);
    return findings;
  }

  /** Kept in the Lookbook, so prices keep the shop's currency while the shop does not answer, after a restart too. */
  private async storeCurrency(currency: string): Promise<void> {
    if (this.storedCurrency === currency) return;
    try {
      await this.sink.setMeta(SHOP_CURRENCY_META_KEY, currency);
      this.storedCurrency = currency;
    } catch (error) {
      this.logger.warn(`Could not store the shop's currency ${currency} in the Lookbook (${(error as { code?: string }).code ?? (error as Error).message}); stored at the next check`);
    }
  }
}

function notAnsweredWithin(waitMs: number): ShopFindings {
  const seconds = Math.round(waitMs / 100) / 10;
  return {
    problems: [`The shop database has not answered within ${seconds} s: check the host and port in MYSQL_SHOP_URL, and that a firewall lets this host reach it.`],
    hints: [],
    unreachable: true,
    checkedAt: null,
  };
}

const describe = (findings: ShopFindings) => JSON.stringify([findings.problems, findings.hints]);
const hintsOf = (findings: ShopFindings) => findings.hints.map((hint) => ` Hint: ${hint}`).join('');
