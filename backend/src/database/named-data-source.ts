import { DataSource, DataSourceOptions, QueryRunner, ReplicationMode } from 'typeorm';

export type DatabaseName = 'Lookbook' | 'Magento';

const DATABASE = Symbol('database');

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

  override createQueryRunner(mode: ReplicationMode = 'master'): QueryRunner {
    const runner = super.createQueryRunner(mode);
    // Instance properties, so the runner's own calls (query → connect) go through them too.
    const connect = runner.connect.bind(runner);
    const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
    runner.connect = () =>
      this.marked(async () => {
        await this.connectIfNeeded();
        return connect();
      });
    runner.query = ((...args: unknown[]) => this.marked(() => query(...args))) as QueryRunner['query'];
    return runner;
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
