import { QueryRunner } from 'typeorm';
import { RejectedProduct } from '../../domain/product-record';

/**
 * Products on sale that the Lookbook refused to store (a value it would not take), remembered in
 * product_import_owed so that every later job retries them until one writes them or the shop
 * stops selling them: the cursor may pass a product, the Lookbook still owes it.
 */
export class OwedProducts {
  constructor(private readonly runner: QueryRunner) {}

  async sourceIds(): Promise<number[]> {
    const rows: Array<{ source_id: number }> = await this.runner.query('SELECT source_id FROM product_import_owed ORDER BY source_id');
    return rows.map((row) => Number(row.source_id));
  }

  /** Remembers each refused product with the reason of its latest refusal (its first one's date stays). */
  async record(rejected: RejectedProduct[], now: Date): Promise<void> {
    if (rejected.length === 0) return;
    await this.runner.query(
      `INSERT INTO product_import_owed (source_id, sku, message, owed_since, last_tried_at) VALUES ${rejected.map(() => '(?, ?, ?, ?, ?)').join(', ')}
       ON DUPLICATE KEY UPDATE sku = VALUES(sku), message = VALUES(message), last_tried_at = VALUES(last_tried_at)`,
      rejected.flatMap((r) => [r.source_id, r.sku, r.message, now, now]),
    );
  }

  /** Forgets products that were written, or that the shop no longer sells. */
  async settle(sourceIds: number[]): Promise<void> {
    if (sourceIds.length === 0) return;
    await this.runner.query('DELETE FROM product_import_owed WHERE source_id IN (?)', [sourceIds]);
  }
}
