import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryRunner } from 'typeorm';
import { JobAlreadyRunningError } from '../../domain/import-errors';
import { ImportJob, ImportJobError, ImportJobMetrics, ImportJobParams, JobMode, emptyMetrics } from '../../domain/import-job';
import { ImportJobStore } from '../../ports/import-job-store';

const SELECT_JOB = `SELECT id, status, params, metrics, errors, created_at, started_at, finished_at, heartbeat_at, error_message
                      FROM product_import_jobs`;

/** Deadlocks among concurrent job requests resolve at once; a few tries are plenty. */
const CREATE_ATTEMPTS = 5;

/** Import jobs in the Lookbook database; the table's unique active_slot key enforces one active job. */
@Injectable()
export class ImportJobRepository extends ImportJobStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  async createQueued(id: string, params: ImportJobParams, now: Date): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.dataSource.query(
          `INSERT INTO product_import_jobs (id, status, params, metrics, errors, created_at, heartbeat_at)
           VALUES (?, 'queued', ?, ?, '[]', ?, ?)`,
          [id, JSON.stringify(params), JSON.stringify(emptyMetrics()), now, now],
        );
        return;
      } catch (error) {
        const code = (error as { code?: string }).code;
        // Inserts that queued behind the active job's slot deadlock one another when it is released:
        // InnoDB picks one as the victim, which asks again and is then created or refused as a duplicate.
        if (code === 'ER_LOCK_DEADLOCK' && attempt < CREATE_ATTEMPTS) continue;
        if (code !== 'ER_DUP_ENTRY') throw error;
        const active = await this.findActive();
        // The active job may have finished between the refused insert and this read: report it anyway.
        throw new JobAlreadyRunningError(active?.id ?? (await this.findLastFinished())?.id ?? '');
      }
    }
  }

  async findById(id: string): Promise<ImportJob | null> {
    const rows = await this.dataSource.query(`${SELECT_JOB} WHERE id = ?`, [id]);
    return rows.length ? toJob(rows[0]) : null;
  }

  async findActive(): Promise<ImportJob | null> {
    const rows = await this.dataSource.query(`${SELECT_JOB} WHERE active_slot = 1`);
    return rows.length ? toJob(rows[0]) : null;
  }

  async findLastFinished(mode?: JobMode): Promise<ImportJob | null> {
    // Jobs stored before refreshes existed have no mode: they were imports.
    const ofMode = mode ? `AND COALESCE(JSON_VALUE(params, '$.mode'), 'import') = ?` : '';
    const rows = await this.dataSource.query(
      `${SELECT_JOB} WHERE status IN ('completed', 'failed') ${ofMode} ORDER BY finished_at DESC, created_at DESC LIMIT 1`,
      mode ? [mode] : [],
    );
    return rows.length ? toJob(rows[0]) : null;
  }

  async markRunning(id: string, lease: string, now: Date): Promise<boolean> {
    const result = await this.dataSource.query(
      `UPDATE product_import_jobs SET status = 'running', lease = ?, started_at = ?, heartbeat_at = ? WHERE id = ? AND status = 'queued'`,
      [lease, now, now, id],
    );
    return affected(result);
  }

  saveProgress(id: string, lease: string, metrics: ImportJobMetrics, errors: ImportJobError[], now: Date): Promise<boolean> {
    return saveJobProgress(this.dataSource, id, lease, { metrics, errors }, now);
  }

  async heartbeat(id: string, now: Date): Promise<void> {
    await this.dataSource.query(`UPDATE product_import_jobs SET heartbeat_at = ? WHERE id = ? AND status IN ('queued', 'running')`, [now, id]);
  }

  async finish(
    id: string,
    lease: string,
    outcome: { status: 'completed' | 'failed'; metrics: ImportJobMetrics; errors: ImportJobError[]; errorMessage: string | null },
    now: Date,
  ): Promise<boolean> {
    const result = await this.dataSource.query(
      `UPDATE product_import_jobs
          SET status = ?, metrics = ?, errors = ?, error_message = ?, finished_at = ?, heartbeat_at = ?
        WHERE id = ? AND status = 'running' AND lease = ?`,
      [outcome.status, JSON.stringify(outcome.metrics), JSON.stringify(outcome.errors), outcome.errorMessage, now, now, id, lease],
    );
    return affected(result);
  }

  async failStale(before: Date, message: string, now: Date): Promise<string[]> {
    const stale: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM product_import_jobs WHERE status IN ('queued', 'running') AND COALESCE(heartbeat_at, created_at) < ?`,
      [before],
    );
    if (stale.length === 0) return [];
    await this.dataSource.query(
      `UPDATE product_import_jobs SET status = 'failed', error_message = ?, finished_at = ?
        WHERE id IN (?) AND status IN ('queued', 'running') AND COALESCE(heartbeat_at, created_at) < ?`,
      [message, now, stale.map((s) => s.id), before],
    );
    return stale.map((s) => s.id);
  }
}

/**
 * Stores a running job's counters and heartbeat under its lease; false when the job no longer runs
 * under it. Within a transaction, the job row stays locked until it ends.
 */
export async function saveJobProgress(
  db: DataSource | QueryRunner,
  id: string,
  lease: string,
  { metrics, errors }: { metrics: ImportJobMetrics; errors: ImportJobError[] },
  now: Date,
): Promise<boolean> {
  const result = await db.query(
    `UPDATE product_import_jobs SET metrics = ?, errors = ?, heartbeat_at = ? WHERE id = ? AND status = 'running' AND lease = ?`,
    [JSON.stringify(metrics), JSON.stringify(errors), now, id, lease],
  );
  return affected(result);
}

/** Rows an UPDATE matched (mysql2 reports changed and matched rows alike as affectedRows). */
function affected(result: unknown): boolean {
  return Number((result as { affectedRows?: number }).affectedRows ?? 0) > 0;
}

function toJob(row: Record<string, any>): ImportJob {
  const json = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);
  return {
    id: row.id,
    status: row.status,
    // Jobs stored before refreshes existed lack the mode and the withdrawn counter.
    params: { mode: 'import', ...json(row.params) },
    metrics: { ...emptyMetrics(), ...json(row.metrics) },
    errors: json(row.errors),
    created_at: row.created_at,
    started_at: row.started_at,
    finished_at: row.finished_at,
    heartbeat_at: row.heartbeat_at,
    error_message: row.error_message,
  };
}
