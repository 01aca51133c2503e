import { createHash } from 'node:crypto';
import { QueryRunner } from 'typeorm';
import { ProductRecord } from '../../domain/product-record';

/** The products columns a shop record fills. */
export const COLUMNS = [
  'source_id', 'sku', 'title', 'price', 'stock_qty', 'in_stock', 'size_range', 'color', 'material', 'pattern',
  'occasion', 'season', 'image_key', 'url_key', 'category', 'attributes', 'product_created_at',
  'final_price', 'images', 'image_url', 'product_url', 'variants',
] as const;

const JSON_COLUMNS = new Set<string>(['attributes', 'images', 'variants']);

export function columnValue(product: ProductRecord, column: (typeof COLUMNS)[number]): unknown {
  if (column === 'attributes') return JSON.stringify(product.attributes ?? {});
  if (JSON_COLUMNS.has(column)) return JSON.stringify(product[column] ?? []);
  if (column === 'in_stock') return product.in_stock ? 1 : 0;
  return product[column];
}

/** What a row holds for a product: its column values in COLUMNS order, and their fingerprint. */
export interface RowContent {
  values: unknown[];
  hash: string;
}

/**
 * The product's column values and a stable fingerprint of them, worked out once: the JSON columns
 * are the dearest part of writing a row, and the hash and the statement share them.
 */
export function rowContent(product: ProductRecord): RowContent {
  const values = COLUMNS.map((column) => columnValue(product, column));
  return { values, hash: createHash('sha1').update(JSON.stringify(values)).digest('hex') };
}

/**
 * Runs `write` on all rows at once; when the server refuses a value, halves the set until the
 * refused rows stand alone, reports them and writes the others. A failed statement is rolled back
 * by InnoDB on its own, leaving the transaction and its earlier statements intact.
 */
export async function writeOrIsolate<T>(rows: T[], write: (rows: T[]) => Promise<void>, refuse: (row: T, error: Error) => void): Promise<T[]> {
  try {
    await write(rows);
    return rows;
  } catch (error) {
    if (!isRowDataError(error)) throw error;
    if (rows.length === 1) {
      refuse(rows[0], error as Error);
      return [];
    }
    const middle = Math.ceil(rows.length / 2);
    return [
      ...(await writeOrIsolate(rows.slice(0, middle), write, refuse)),
      ...(await writeOrIsolate(rows.slice(middle), write, refuse)),
    ];
  }
}

/** SQLSTATE class 22 (data exception) or 23 (constraint violation): the row's values are at fault. */
function isRowDataError(error: unknown): boolean {
  const state = (error as { sqlState?: string }).sqlState ?? '';
  return state.startsWith('22') || state.startsWith('23');
}

/**
 * One multi-row UPDATE by row id (the SKU and the product a row belongs to may change with it), from
 * a derived table of the new values; rows whose stored hash already matches are not touched.
 * Returns how many were rewritten.
 */
export async function rewriteRows(runner: QueryRunner, rows: Array<{ rowId: number } & RowContent>, now: Date): Promise<number> {
  const columns = [...COLUMNS, 'content_hash'];
  const select = (first: boolean) => `SELECT ${['id', ...columns].map((c) => (first ? `? AS ${c}` : '?')).join(', ')}`;
  const values = rows.map((_, index) => select(index === 0)).join('\n UNION ALL ');
  const params = rows.flatMap(({ rowId, values, hash }) => [rowId, ...values, hash]);
  const result = await runner.query(
    `UPDATE products p
       JOIN (${values}) v ON v.id = p.id
        SET ${columns.map((c) => `p.${c} = v.${c}`).join(', ')}, p.updated_at = ?
      WHERE p.content_hash <> v.content_hash`,
    [...params, now],
  );
  return Number(result.affectedRows ?? 0);
}
