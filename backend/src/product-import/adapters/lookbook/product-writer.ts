import { format } from 'mysql2';
import { QueryRunner } from 'typeorm';
import { ProductRecord, RejectedProduct, UpsertResult, emptyUpsertResult } from '../../domain/product-record';
import { TurnBudget, mapInTurns } from '../event-loop-turns';
import { COLUMNS, columnValue, contentHash, writeOrIsolate } from './product-columns';

const WRITTEN = [...COLUMNS, 'content_hash', 'created_at', 'updated_at'];
const UPDATED = [...COLUMNS.filter((c) => c !== 'sku'), 'content_hash', 'updated_at'];

/**
 * A statement writes at most this many rows: each statement is built in one turn of the event
 * loop, so it is kept small enough for that turn to stay short (250 rows held it 15-25 ms in a
 * process's first jobs, before the code is optimized).
 */
const ROWS_PER_STATEMENT = 100;

/**
 * Writes one batch inside the caller's transaction: reads the stored content hashes of the batch's
 * SKUs, leaves identical rows alone, and inserts or updates the rest with multi-row statements.
 */
export class ProductWriter {
  constructor(private readonly runner: QueryRunner) {}

  async upsert(products: ProductRecord[]): Promise<UpsertResult> {
    const result = emptyUpsertResult();
    if (products.length === 0) return result;

    const stored = await this.storedHashes(products.map((p) => p.sku));
    const budget = new TurnBudget();
    const hashed = await mapInTurns(products, (product) => ({ product, hash: contentHash(product) }), budget);
    const now = new Date();
    for (let i = 0; i < hashed.length; i += ROWS_PER_STATEMENT) {
      const changed: Array<{ product: ProductRecord; hash: string; exists: boolean }> = [];
      for (const { product, hash } of hashed.slice(i, i + ROWS_PER_STATEMENT)) {
        const current = stored.get(product.sku);
        if (current === hash) {
          result.unchanged++;
          result.skus.unchanged.push(product.sku);
        } else {
          changed.push({ product, hash, exists: current !== undefined });
        }
      }
      if (changed.length === 0) continue;
      // Building a statement takes a turn's worth of time in a process's first job: not on top of the hashing's.
      if (budget.spent) await budget.nextTurn();
      const written = await this.writeOrIsolate(changed, now, result.rejected);
      for (const { product, exists } of written) {
        const outcome = exists ? 'updated' : 'inserted';
        result[outcome]++;
        result.skus[outcome].push(product.sku);
      }
    }
    return result;
  }

  /** SKU → stored content hash, locked until the transaction ends. */
  private async storedHashes(skus: string[]): Promise<Map<string, string>> {
    const rows: Array<{ sku: string; content_hash: string }> = await this.runner.query(
      'SELECT sku, content_hash FROM products WHERE sku IN (?) FOR UPDATE',
      [skus],
    );
    return new Map(rows.map((r) => [r.sku, r.content_hash]));
  }

  /** Writes the rows in one statement, isolating and reporting any the server refuses. */
  private writeOrIsolate<T extends { product: ProductRecord; hash: string }>(rows: T[], now: Date, rejected: RejectedProduct[]): Promise<T[]> {
    return writeOrIsolate(rows, (some) => this.write(some, now), ({ product }, error) => {
      rejected.push({ source_id: product.source_id, sku: product.sku, message: error.message });
    });
  }

  private async write(rows: Array<{ product: ProductRecord; hash: string }>, now: Date): Promise<void> {
    const { sql, params } = upsertStatement(rows, now);
    await this.runner.query(sql, params);
  }

  /**
   * Everything upsert computes for these products (hashes, statements, their text with the values
   * filled in, as the driver fills them) without sending any of it: run at boot, it has V8 optimize
   * that code before a job needs it.
   */
  static rehearse(products: ProductRecord[]): void {
    const now = new Date();
    for (let i = 0; i < products.length; i += ROWS_PER_STATEMENT) {
      const rows = products.slice(i, i + ROWS_PER_STATEMENT).map((product) => ({ product, hash: contentHash(product) }));
      const { sql, params } = upsertStatement(rows, now);
      format(sql, params as Parameters<typeof format>[1]);
    }
  }
}

function upsertStatement(rows: Array<{ product: ProductRecord; hash: string }>, now: Date): { sql: string; params: unknown[] } {
  const placeholders = rows.map(() => `(${WRITTEN.map(() => '?').join(', ')})`).join(',\n');
  const params = rows.flatMap(({ product, hash }) => [...COLUMNS.map((c) => columnValue(product, c)), hash, now, now]);
  const sql = `INSERT INTO products (${WRITTEN.join(', ')}) VALUES ${placeholders}
       ON DUPLICATE KEY UPDATE ${UPDATED.map((c) => `${c} = VALUES(${c})`).join(', ')}`;
  return { sql, params };
}
