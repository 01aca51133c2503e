import mysql from 'mysql2/promise';
import request from 'supertest';
import { generateCatalog } from '../../../scripts/magento/catalog-generator';
import type { StockMode } from '../../../scripts/magento/msi-stock';
import type { MagentoEdition } from '../../../scripts/magento/schema';
import type { ShopModel } from '../../../scripts/magento/storefront-oracle';
import { parseMysqlUrl } from '../../src/config/app-config';
import { migrateLookbook } from '../../src/database/migrate';
import { BackendProcess } from './backend-process';
import { eligibleSourceIds } from './eligible-oracle';
import { setTimeout as sleep } from 'node:timers/promises';
import { AUTH } from './auth';
import { TestDatabases, createTestDatabases } from './test-databases';

export const JOBS = '/api/admin/product-import/jobs';
export const STATE = '/api/admin/product-import/state';
export const PRODUCTS = '/api/admin/products';

type Row = mysql.RowDataPacket;

/** The shop a fixture generates: size, seed and shape (edition, stock, table prefix). */
export interface FixtureShop {
  products?: number;
  seed?: number;
  edition?: MagentoEdition;
  stock?: StockMode;
  tablePrefix?: string;
  /** The Luma-like attribute load (the generator's --rich-attributes). */
  richAttributes?: boolean;
}

/**
 * One suite's world: fresh databases holding a generated Magento catalog (of any shop shape) and a
 * migrated, empty Lookbook; what the import must end up with (from the independent eligibility
 * oracle); direct reads of the Lookbook tables; and the backend processes the suite started (with
 * the stock source and table prefix of the shape), so they can all be stopped whatever happened.
 */
export class ImportFixture {
  private readonly backends = new Set<BackendProcess>();

  private constructor(
    readonly dbs: TestDatabases,
    /** Eligible Magento entity ids, ascending. */
    readonly eligible: number[],
    /** Eligible ids the import must skip: their SKU is empty once trimmed. */
    readonly emptySku: Set<number>,
    /** The backend settings this shop needs (stock source, table prefix); start() passes them. */
    readonly shopEnv: Record<string, string>,
    /** What the generator wrote, for the storefront oracle (support/storefront.ts). */
    readonly model: ShopModel,
  ) {}

  static async create(suite: string, shape: FixtureShop = {}): Promise<ImportFixture> {
    const { products = 3000, seed = 7, edition = 'open-source', stock = 'legacy', tablePrefix = '', richAttributes = false } = shape;
    const dbs = await createTestDatabases(suite);
    try {
      const shop = await mysql.createConnection({ uri: dbs.magentoUrl, charset: 'utf8mb4' });
      const { model } = await generateCatalog(shop, { products, seed, stock, schema: { edition, tablePrefix }, metadata: { richAttributes }, keepModel: true })
        .finally(() => shop.end());
      await migrateLookbook(parseMysqlUrl('LOOKBOOK_DB_URL', dbs.lookbookUrl));
      const magentoDb = parseMysqlUrl('MYSQL_SHOP_URL', dbs.magentoUrl).database;
      const eligible = await eligibleSourceIds(dbs.admin, magentoDb, { storeId: 1, stockSource: stock, tablePrefix });
      const [empty] = await dbs.admin.query<Row[]>(
        `SELECT DISTINCT entity_id FROM \`${magentoDb}\`.\`${tablePrefix}catalog_product_entity\` WHERE TRIM(COALESCE(sku, '')) = ''`,
      );
      const shopEnv = { MAGENTO_STOCK_SOURCE: stock, MAGENTO_TABLE_PREFIX: tablePrefix };
      return new ImportFixture(dbs, eligible, new Set(empty.map((r) => Number(r.entity_id))), shopEnv, model!);
    } catch (error) {
      await dbs.drop();
      throw error;
    }
  }

  get lookbookDb(): string {
    return parseMysqlUrl('LOOKBOOK_DB_URL', this.dbs.lookbookUrl).database;
  }

  get magentoDb(): string {
    return parseMysqlUrl('MYSQL_SHOP_URL', this.dbs.magentoUrl).database;
  }

  /** Starts a real backend process on the suite's databases (or `dbs`, e.g. through a proxy). */
  async start(env: Record<string, string> = {}, dbs: TestDatabases = this.dbs, options?: Parameters<typeof BackendProcess.start>[2]): Promise<BackendProcess> {
    const backend = await BackendProcess.start(dbs, { ...this.shopEnv, ...env }, options);
    this.backends.add(backend);
    return backend;
  }

  /** Kills every backend this fixture started that is still running. */
  async stopAll(): Promise<void> {
    await Promise.all([...this.backends].map((backend) => backend.stop('SIGKILL')));
    this.backends.clear();
  }

  async close(): Promise<void> {
    await this.stopAll();
    await this.dbs.drop();
  }

  /** Empties the Lookbook (products, cursor, jobs) between tests. */
  async resetLookbook(): Promise<void> {
    for (const table of ['products', 'product_import_meta', 'product_import_jobs']) {
      await this.dbs.admin.query(`DELETE FROM \`${this.lookbookDb}\`.${table}`);
    }
  }

  /** What the Lookbook must hold once everything up to `cursor` is imported. */
  expectedIds(cursor = Infinity): number[] {
    return this.eligible.filter((id) => id <= cursor && !this.emptySku.has(id));
  }

  async cursor(): Promise<number | null> {
    const [rows] = await this.dbs.admin.query<Row[]>(
      `SELECT value FROM \`${this.lookbookDb}\`.product_import_meta WHERE \`key\` = 'last_successful_source_id'`,
    );
    return rows.length ? Number(rows[0].value) : null;
  }

  /**
   * From now on, logs every value the cursor is committed with, in commit order: triggers write the
   * log inside the writer's own transaction, so a rolled-back chunk leaves no entry.
   */
  async recordCursorHistory(): Promise<void> {
    const db = `\`${this.lookbookDb}\``;
    await this.dbs.admin.query(`CREATE TABLE IF NOT EXISTS ${db}.cursor_log (seq INT AUTO_INCREMENT PRIMARY KEY, value VARCHAR(255) NOT NULL)`);
    for (const event of ['INSERT', 'UPDATE']) {
      await this.dbs.admin.query(
        `CREATE TRIGGER IF NOT EXISTS ${db}.cursor_log_${event.toLowerCase()} AFTER ${event} ON ${db}.product_import_meta FOR EACH ROW
           INSERT INTO ${db}.cursor_log (value) SELECT NEW.value FROM DUAL WHERE NEW.\`key\` = 'last_successful_source_id'`,
      );
    }
  }

  /** The cursor values committed since recordCursorHistory, in commit order. */
  async cursorHistory(): Promise<number[]> {
    const [rows] = await this.dbs.admin.query<Row[]>(`SELECT value FROM \`${this.lookbookDb}\`.cursor_log ORDER BY seq`);
    return rows.map((r) => Number(r.value));
  }

  /** source_id of every Lookbook product, ascending (duplicates kept, so a test can see them). */
  async importedIds(): Promise<number[]> {
    const [rows] = await this.dbs.admin.query<Row[]>(`SELECT source_id FROM \`${this.lookbookDb}\`.products ORDER BY source_id`);
    return rows.map((r) => Number(r.source_id));
  }

  async counts(): Promise<{ jobs: number; products: number; cursor: number | null }> {
    const [[jobs]] = await this.dbs.admin.query<Row[]>(`SELECT COUNT(*) AS n FROM \`${this.lookbookDb}\`.product_import_jobs`);
    const [[products]] = await this.dbs.admin.query<Row[]>(`SELECT COUNT(*) AS n FROM \`${this.lookbookDb}\`.products`);
    return { jobs: Number(jobs.n), products: Number(products.n), cursor: await this.cursor() };
  }

  /** The job as stored, read without any backend (e.g. while none is running). */
  async storedJob(id: string): Promise<{ status: string; error_message: string | null; metrics: Record<string, any> }> {
    const [[row]] = await this.dbs.admin.query<Row[]>(
      `SELECT status, error_message, metrics FROM \`${this.lookbookDb}\`.product_import_jobs WHERE id = ?`,
      [id],
    );
    return { status: row.status, error_message: row.error_message, metrics: typeof row.metrics === 'string' ? JSON.parse(row.metrics) : row.metrics };
  }

  /**
   * Freezes `backend` (SIGSTOP, as a VM pause does) while a job of it waits on the shop
   * (IMPORT_TEST_SOURCE_DELAY_MS's DO SLEEP), not inside a Lookbook transaction. The caller continues it.
   */
  async freezeWhileWaitingOnShop(backend: BackendProcess): Promise<void> {
    for (let attempt = 0; attempt < 50; attempt++) {
      process.kill(backend.pid, 'SIGSTOP');
      if ((await this.connectionsRunning(this.magentoDb, 'DO SLEEP')).length > 0) return;
      process.kill(backend.pid, 'SIGCONT');
      await sleep(37);
    }
    throw new Error('could not catch the job waiting on the shop');
  }

  /** Ids of this suite's connections running a statement that starts with `statement`. */
  async connectionsRunning(database: string, statement: string): Promise<number[]> {
    const [rows] = await this.dbs.admin.query<Row[]>(
      `SELECT ID FROM information_schema.PROCESSLIST WHERE DB = ? AND COMMAND = 'Query' AND INFO LIKE CONCAT(?, '%')`,
      [database, statement],
    );
    return rows.map((r) => Number(r.ID));
  }
}

/** Asks `read` until `done` holds for what it returns; fails with the last value seen. */
export async function waitFor<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, { timeoutMs = 20_000, intervalMs = 20 } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (done(last)) return last;
    await sleep(intervalMs);
  }
  throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(last)}`);
}

/** GET job through a backend's HTTP API. */
export async function getJob(backend: BackendProcess, jobId: string): Promise<Record<string, any>> {
  const response = await request(backend.url).get(`${JOBS}/${jobId}`).set(AUTH);
  if (response.status !== 200) throw new Error(`GET job answered ${response.status}: ${response.text}`);
  return response.body;
}

/** POST a job through a backend and return its id. */
export async function startJob(backend: BackendProcess, body: Record<string, unknown> = {}): Promise<string> {
  const response = await request(backend.url).post(JOBS).set(AUTH).send(body);
  if (response.status !== 201) throw new Error(`POST job answered ${response.status}: ${response.text}`);
  return response.body.jobId;
}

/** Waits until a job has committed at least `processed` products, as its API reports. */
export function waitForProgress(backend: BackendProcess, jobId: string, processed: number) {
  return waitFor(`job ${jobId} to process ${processed}`, () => getJob(backend, jobId), (job) => job.metrics.processed >= processed || ['completed', 'failed'].includes(job.status));
}

/** Waits until a job is completed or failed, as its API reports. */
export function waitForEnd(backend: BackendProcess, jobId: string, timeoutMs = 20_000) {
  return waitFor(`job ${jobId} to finish`, () => getJob(backend, jobId), (job) => ['completed', 'failed'].includes(job.status), { timeoutMs });
}
