import { DataSource, DataSourceOptions, QueryRunner, ReplicationMode } from 'typeorm';
import { currentStatementBound } from './statement-bound';

export type DatabaseName = 'Lookbook' | 'Magento';

const DATABASE = Symbol('database');

/** The slice of a mysql2 pool connection this file uses (TypeORM's runner hands out the raw one). */
interface DriverConnection {
  query(sql: string, callback: (error: Error | null) => void): void;
  destroy(): void;
}

/**
 * A DataSource that knows which of the two databases it is, for two reasons:
 *
 * - Every error its queries raise is marked with that name (see `databaseOf`), so an HTTP answer
 *   can say which database is unreachable without guessing from the route.
 * - Left uninitialized, it connects on first use instead of at boot, and a failed attempt is
 *   forgotten so the next use tries again: the shop's database being down must neither keep the
 *   backend from starting nor need a restart once it is back. (TypeORM connects, and reads the
 *   server version, in `initialize()`, so a plain DataSource cannot start without its database.)
 */
export class NamedDataSource extends DataSource {
  private connecting?: Promise<void>;
  private statementTimeoutMs?: number;
  private server?: 'mariadb' | 'mysql';
  /** Statements every session runs once, before its first query: see `everySession`. */
  private readonly sessionSetup: string[] = [];
  /** Connections whose session is already set up (settings, statement bounds). */
  private readonly sessionsSetUp = new WeakSet<DriverConnection>();
  /** Connections a query runner holds right now, so shutdown can cut them off. */
  private readonly inUse = new Set<DriverConnection>();

  constructor(
    readonly databaseName: DatabaseName,
    options: DataSourceOptions,
  ) {
    super(options);
  }

  /** Connects unless connected; callers at the same moment share one attempt. */
  connectIfNeeded(): Promise<void> {
    if (this.isInitialized) return Promise.resolve();
    this.connecting ??= this.initialize()
      .then(() => undefined)
      .catch(async (error) => {
        // A pool made before a later step failed would otherwise be left open by the next attempt.
        await this.driver.disconnect().catch(() => undefined);
        throw error;
      })
      .finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  /**
   * Bounds every statement of every session: reads by max_statement_time, waits for a table lock
   * (LOCK TABLES, an ALTER or a reindex in the shop) by lock_wait_timeout. Without it a read waits
   * as long as the server lets it, a day by default. Call before the first query.
   */
  boundStatements(timeoutMs: number): void {
    this.statementTimeoutMs = timeoutMs;
  }

  /**
   * Runs `sql` (a SET SESSION) once in every session, when it is first handed out: a session keeps
   * it, so no query pays a round trip for it again. Call before the first query.
   */
  everySession(sql: string): void {
    this.sessionSetup.push(sql);
  }

  /**
   * Cuts off every statement in flight by closing its connection: the caller sees the query fail at
   * once, whatever the server is doing (a statement waiting on a lock ignores a polite quit).
   */
  abortInFlight(): number {
    const connections = [...this.inUse];
    this.inUse.clear();
    for (const connection of connections) connection.destroy();
    return connections.length;
  }

  override createQueryRunner(mode: ReplicationMode = 'master'): QueryRunner {
    const runner = super.createQueryRunner(mode);
    // Instance properties, so the runner's own calls (query → connect) go through them too.
    const connect = runner.connect.bind(runner);
    const query = runner.query.bind(runner) as (sql: string, ...rest: unknown[]) => Promise<unknown>;
    const release = runner.release.bind(runner);
    let held: DriverConnection | undefined;
    runner.connect = () =>
      this.marked(async () => {
        await this.connectIfNeeded();
        const connection = (await connect()) as DriverConnection;
        if (held !== connection) {
          held = connection;
          this.inUse.add(connection);
          await this.setUpSession(connection);
        }
        return connection;
      });
    runner.query = ((sql: string, ...rest: unknown[]) => this.marked(() => query(this.withRequestBound(sql), ...rest))) as QueryRunner['query'];
    runner.release = () => {
      if (held) this.inUse.delete(held);
      held = undefined;
      return release();
    };
    return runner;
  }

  private async setUpSession(connection: DriverConnection): Promise<void> {
    if (this.sessionsSetUp.has(connection)) return;
    const run = (sql: string) => new Promise<void>((resolve, reject) => connection.query(sql, (error) => (error ? reject(error) : resolve())));
    for (const sql of this.sessionSetup) await run(sql);
    if (this.statementTimeoutMs !== undefined) await this.applySessionBounds(this.statementTimeoutMs, run);
    this.sessionsSetUp.add(connection);
  }

  /**
   * MariaDB names the read bound max_statement_time (seconds); MySQL, max_execution_time
   * (milliseconds). The first session tells which server this is.
   */
  private async applySessionBounds(ms: number, run: (sql: string) => Promise<void>): Promise<void> {
    // lock_wait_timeout counts whole seconds, at least 1.
    const lockWait = `lock_wait_timeout = ${Math.max(1, Math.ceil(ms / 1000))}`;
    if (this.server !== 'mysql') {
      try {
        await run(`SET SESSION max_statement_time = ${ms / 1000}, ${lockWait}`);
        this.server = 'mariadb';
      } catch (error) {
        if ((error as { code?: string }).code !== 'ER_UNKNOWN_SYSTEM_VARIABLE') throw error;
        this.server = 'mysql';
      }
    }
    if (this.server === 'mysql') await run(`SET SESSION max_execution_time = ${ms}, ${lockWait}`);
  }

  /** A read inside withStatementBound carries that tighter bound itself. */
  private withRequestBound(sql: string): string {
    const ms = currentStatementBound();
    if (this.statementTimeoutMs === undefined || ms === undefined) return sql;
    if (this.server === 'mariadb' && /^\s*(SELECT|WITH)\b/i.test(sql)) return `SET STATEMENT max_statement_time = ${ms / 1000} FOR ${sql}`;
    if (this.server === 'mysql' && /^\s*SELECT\b/i.test(sql)) return sql.replace(/^\s*SELECT\b/i, `SELECT /*+ MAX_EXECUTION_TIME(${ms}) */`);
    return sql;
  }

  private async marked<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (typeof error === 'object' && error !== null && !(DATABASE in error)) {
        // Not enumerable, so it never shows up when the error is logged or serialised.
        Object.defineProperty(error, DATABASE, { value: this.databaseName });
      }
      throw error;
    }
  }
}

/** The database whose query raised `error`, when it came from a NamedDataSource. */
export function databaseOf(error: unknown): DatabaseName | undefined {
  return typeof error === 'object' && error !== null ? (error as { [DATABASE]?: DatabaseName })[DATABASE] : undefined;
}
