import { createHash } from 'node:crypto';
import { QueryRunner } from 'typeorm';
import { ProductRecord, RejectedProduct, UpsertResult, emptyUpsertResult } from '../../domain/product-record';

const COLUMNS = [
  'source_id', 'sku', 'title', 'price', 'stock_qty', 'in_stock', 'size_range', 'color', 'material', 'pattern',
  'occasion', 'season', 'image_key', 'url_key', 'category', 'attributes', 'product_created_at',
] as const;
const WRITTEN = [...COLUMNS, 'content_hash', 'created_at', 'updated_at'];
const UPDATED = [...COLUMNS.filter((c) => c !== 'sku'), 'content_hash', 'updated_at'];

/** The statement writes at most this many rows, keeping packets well under max_allowed_packet. */
const ROWS_PER_STATEMENT = 500;

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
    const changed: Array<{ product: ProductRecord; hash: string; exists: boolean }> = [];
    for (const product of products) {
      const hash = contentHash(product);
      const current = stored.get(product.sku);
      if (current === hash) {
        result.unchanged++;
        result.skus.unchanged.push(product.sku);
      } else {
        changed.push({ product, hash, exists: current !== undefined });
      }
    }

    const now = new Date();
    for (let i = 0; i < changed.length; i += ROWS_PER_STATEMENT) {
      const slice = changed.slice(i, i + ROWS_PER_STATEMENT);
      const written = await this.writeOrIsolate(slice, now, result.rejected);
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

  /**
   * Writes the rows in one statement; when the server refuses a value, halves the set until the
   * refused rows stand alone, reports them and writes the others. A failed statement is rolled back
   * by InnoDB on its own, leaving the transaction and its earlier statements intact.
   */
  private async writeOrIsolate<T extends { product: ProductRecord; hash: string }>(rows: T[], now: Date, rejected: RejectedProduct[]): Promise<T[]> {
    try {
      await this.write(rows, now);
      return rows;
    } catch (error) {
      if (!isRowDataError(error)) throw error;
      if (rows.length === 1) {
        const { product } = rows[0];
        rejected.push({ source_id: product.source_id, sku: product.sku, message: (error as Error).message });
        return [];
      }
      const middle = Math.ceil(rows.length / 2);
      return [
        ...(await this.writeOrIsolate(rows.slice(0, middle), now, rejected)),
        ...(await this.writeOrIsolate(rows.slice(middle), now, rejected)),
      ];
    }
  }

  private async write(rows: Array<{ product: ProductRecord; hash: string }>, now: Date): Promise<void> {
    const placeholders = rows.map(() => `(${WRITTEN.map(() => '?').join(', ')})`).join(',\n');
    const params = rows.flatMap(({ product, hash }) => [...COLUMNS.map((c) => columnValue(product, c)), hash, now, now]);
    await this.runner.query(
      `INSERT INTO products (${WRITTEN.join(', ')}) VALUES ${placeholders}
       ON DUPLICATE KEY UPDATE ${UPDATED.map((c) => `${c} = VALUES(${c})`).join(', ')}`,
      params,
    );
  }
}

function columnValue(product: ProductRecord, column: (typeof COLUMNS)[number]): unknown {
  if (column === 'attributes') return JSON.stringify(product.attributes ?? {});
  if (column === 'in_stock') return product.in_stock ? 1 : 0;
  return product[column];
}

/** A stable fingerprint of everything the import writes for a product. */
function contentHash(product: ProductRecord): string {
  const canonical = COLUMNS.map((column) => columnValue(product, column));
  return createHash('sha1').update(JSON.stringify(canonical)).digest('hex');
}

/** SQLSTATE class 22 (data exception) or 23 (constraint violation): the row's values are at fault. */
function isRowDataError(error: unknown): boolean {
  const state = (error as { sqlState?: string }).sqlState ?? '';
  return state.startsWith('22') || state.startsWith('23');
}
