import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { MAGENTO_DATA_SOURCE } from '../../database/data-source-options';
import { NamedDataSource } from '../../database/named-data-source';
import { ShopDiagnosisMonitor, failedForShopReason } from '../diagnosis/shop-diagnosis-monitor';
import { ImportJobStore } from '../ports/import-job-store';
import { JobMode } from '../domain/import-job';
import { ImportJobRunner } from './import-job-runner';
import { RefreshJobRunner } from './refresh-job-runner';

/**
 * Owns the jobs this process runs: starts them in the background with a heartbeat, fails jobs whose
 * process died (no heartbeat for IMPORT_STALE_AFTER_MS, checked at boot and periodically, by every
 * instance), and on shutdown lets the running job finish its chunk before it is marked failed.
 * A chunk stuck on the shop (a locked table) does not hold shutdown: after SHUTDOWN_GRACE_MS its
 * statements are cut off, so the process exits within seconds whatever the shop does.
 */
/** Why a job, import or refresh, whose process stopped sending heartbeats was failed. */
export function staleJobMessage(seconds: number): string {
  return `Interrupted: the backend process running it stopped (no heartbeat for ${seconds} s)`;
}

/** Long enough for a chunk in hand to finish on a healthy shop; short enough to exit within 10 s. */
const SHUTDOWN_GRACE_MS = 4_000;

@Injectable()
export class ImportJobSupervisor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ImportJobSupervisor.name);
  private readonly running = new Set<Promise<void>>();
  private staleTimer?: NodeJS.Timeout;

  constructor(
    private readonly runner: ImportJobRunner,
    private readonly refreshRunner: RefreshJobRunner,
    private readonly jobs: ImportJobStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource(MAGENTO_DATA_SOURCE) private readonly shop: NamedDataSource,
    private readonly diagnosis: ShopDiagnosisMonitor,
  ) {}

  start(jobId: string, mode: JobMode = 'import'): void {
    const beat = setInterval(() => {
      this.jobs.heartbeat(jobId, new Date()).catch((error) => this.logger.warn(`Heartbeat for job ${jobId} failed: ${error.code ?? error.message}`));
    }, this.config.import.heartbeatIntervalMs);
    const run = (mode === 'refresh' ? this.refreshRunner : this.runner)
      .run(jobId)
      .catch((error) => this.logger.error(`${mode === 'refresh' ? 'Refresh' : 'Import'} job ${jobId} stopped unexpectedly`, error))
      .then(() => this.recheckShopIfItFailed(jobId))
      .finally(() => {
        clearInterval(beat);
        this.running.delete(run);
      });
    this.running.add(run);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.failStaleJobs();
    const every = Math.max(1_000, Math.floor(this.config.import.staleAfterMs / 3));
    this.staleTimer = setInterval(() => void this.failStaleJobs(), every);
    this.staleTimer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.staleTimer);
    this.runner.requestStop();
    this.refreshRunner.requestStop();
    const settled = Promise.allSettled([...this.running]);
    const finished = await Promise.race([settled.then(() => true), sleep(SHUTDOWN_GRACE_MS, false, { ref: false })]);
    if (!finished) {
      const cut = this.shop.abortInFlight();
      this.logger.warn(`The running job did not finish its chunk within ${SHUTDOWN_GRACE_MS / 1000} s of shutdown; cut off ${cut} shop statement(s)`);
      await settled;
    }
  }

  /** A job failed by the shop (unreachable, or not as configured) says the diagnosis is out of date. */
  private async recheckShopIfItFailed(jobId: string): Promise<void> {
    const job = await this.jobs.findById(jobId).catch(() => null);
    if (failedForShopReason(job)) await this.diagnosis.check();
  }

  private async failStaleJobs(): Promise<void> {
    const staleAfterMs = this.config.import.staleAfterMs;
    const seconds = Math.round(staleAfterMs / 1000);
    try {
      const failed = await this.jobs.failStale(
        new Date(Date.now() - staleAfterMs),
        staleJobMessage(seconds),
        new Date(),
      );
      if (failed.length) this.logger.warn(`Marked interrupted job(s) failed: ${failed.join(', ')}`);
    } catch (error) {
      this.logger.warn(`Could not check for interrupted jobs: ${(error as { code?: string }).code ?? (error as Error).message}`);
    }
  }
}
