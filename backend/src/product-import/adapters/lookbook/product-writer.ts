import { format } from 'mysql2';
import { QueryRunner } from 'typeorm';
import { ProductRecord, RejectedProduct, UpsertResult, emptyUpsertResult } from '../../domain/product-record';
import { SkuWon, displaced, resolveSkuClaims } from '../../domain/sku-claims';
import { TurnBudget, mapInTurns } from '../event-loop-turns';
import { COLUMNS, RowContent, rewriteRows, rowContent, writeOrIsolate } from './product-columns';
import { readSkuClaims } from './sku-claims-query';
import { refusedRow } from './refused-row';

const INSERTED = [...COLUMNS, 'content_hash', 'created_at', 'updated_at'];

/**
 * A statement writes at most this many rows: each statement is built in one turn of the event
 * loop, so it is kept small enough for that turn to stay short (250 rows held it 15-25 ms in a
 * process's first jobs, before the code is optimized).
 */
const ROWS_PER_STATEMENT = 100;

type Hashed = SkuWon & RowContent;

/**
 * Writes one batch inside the caller's transaction: finds (and locks) the rows holding each
 * product's SKU, decides by the SKU rule which product owns which row (resolveSkuClaims), leaves
 * identical rows alone, rewrites changed ones by row id and inserts the rest, in multi-row statements.
 */
export class ProductWriter {
  constructor(private readonly runner: QueryRunner) {}

  async upsert(products: ProductRecord[]): Promise<UpsertResult> {
    const result = emptyUpsertResult();
    if (products.length === 0) return result;

    const { won, lost } = resolveSkuClaims(await readSkuClaims(this.runner, products));
    result.rejected.push(...lost);
    const budget = new TurnBudget();
    const hashed: Hashed[] = await mapInTurns(won, (claim) => ({ ...claim, ...rowContent(claim.product) }), budget);
    const now = new Date();
    for (let i = 0; i < hashed.length; i += ROWS_PER_STATEMENT) {
      const inserts: Hashed[] = [];
      const updates: Hashed[] = [];
      for (const claim of hashed.slice(i, i + ROWS_PER_STATEMENT)) {
        if (claim.row?.content_hash === claim.hash) {
          result.unchanged++;
          result.skus.unchanged.push(claim.product.sku);
        } else (claim.row ? updates : inserts).push(claim);
      }
      // Building a statement takes a turn's worth of time in a process's first job: not on top of the hashing's.
      if (inserts.length + updates.length && budget.spent) await budget.nextTurn();
      for (const { product } of await this.writeOrIsolate(inserts, (some) => this.insert(some, now), result.rejected)) {
        result.inserted++;
        result.skus.inserted.push(product.sku);
      }
      for (const { product, takenFrom } of await this.writeOrIsolate(updates, (some) => this.rewrite(some, now), result.rejected)) {
        result.updated++;
        result.skus.updated.push(product.sku);
        if (takenFrom) result.displaced.push(displaced(takenFrom, product));
      }
    }
    return result;
  }

  /** Writes the rows in one statement, isolating and reporting any the server refuses. */
  private writeOrIsolate(rows: Hashed[], write: (rows: Hashed[]) => Promise<void>, rejected: RejectedProduct[]): Promise<Hashed[]> {
    if (rows.length === 0) return Promise.resolve([]);
    return writeOrIsolate(rows, write, ({ product }, error) => void rejected.push(refusedRow(product, error)));
  }

  private async insert(rows: Hashed[], now: Date): Promise<void> {
    const { sql, params } = insertStatement(rows, now);
    await this.runner.query(sql, params);
  }

  private async rewrite(rows: Hashed[], now: Date): Promise<void> {
    await rewriteRows(this.runner, rows.map(({ row, values, hash }) => ({ rowId: row!.id, values, hash })), now);
  }

  /**
   * Everything upsert computes for these products (hashes, statements, their text with the values
   * filled in, as the driver fills them) without sending any of it: run at boot, it has V8 optimize
   * that code before a job needs it.
   */
  static rehearse(products: ProductRecord[]): void {
    const now = new Date();
    for (let i = 0; i < products.length; i += ROWS_PER_STATEMENT) {
      const rows = products.slice(i, i + ROWS_PER_STATEMENT).map(rowContent);
      const { sql, params } = insertStatement(rows, now);
      format(sql, params as Parameters<typeof format>[1]);
    }
  }
}

function insertStatement(rows: RowContent[], now: Date): { sql: string; params: unknown[] } {
  const placeholders = rows.map(() => `(${INSERTED.map(() => '?').join(', ')})`).join(',\n');
  // The time as the driver writes a date (UTC, to the millisecond), worked out once rather than for
  // each of the two columns of each row.
  const at = now.toISOString().slice(0, 23).replace('T', ' ');
  const params = rows.flatMap(({ values, hash }) => [...values, hash, at, at]);
  return { sql: `INSERT INTO products (${INSERTED.join(', ')}) VALUES ${placeholders}`, params };
}
