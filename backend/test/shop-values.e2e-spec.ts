import mysql from 'mysql2/promise';
import request from 'supertest';
import { MagentoCatalogBuilder } from '../../scripts/magento/catalog-builder';
import { AUTH } from './support/auth';
import { HandBuiltShop } from './support/hand-built-shop';
import { runJob } from './support/poll';

type Row = mysql.RowDataPacket;
const STATE = '/api/admin/product-import/state';
const CHILDREN = 300;

/**
 * Values at the edge of what Magento's columns hold, in generated shop rows: each is stored as the
 * shop holds it. A product the Lookbook refuses all the same (here: a check constraint an operator
 * might add) stays owed: every later import and refresh retries it until it is written or the shop
 * stops selling it, and the state counts it.
 */
describe('Every value the shop can hold (real databases)', () => {
  let world: HandBuiltShop;
  const ids: Record<string, number> = {};
  const sizeLabels = Array.from({ length: CHILDREN }, (_, i) => `Size ${String(i + 1).padStart(3, '0')} ${'x'.repeat(240)}`);

  const stored = async (sku: string) => {
    const [[row]] = await world.dbs.admin.query<Row[]>(`SELECT * FROM \`${world.lookbookDb}\`.products WHERE sku = ?`, [sku]);
    return row;
  };
  const state = async () => (await request(world.http).get(STATE).set(AUTH).expect(200)).body;
  const refuse = (skus: string[]) =>
    world.dbs.admin.query(`ALTER TABLE \`${world.lookbookDb}\`.products ADD CONSTRAINT refused_by_operator CHECK (sku NOT IN (${skus.map(() => '?').join(', ')}))`, skus);

  /** 300 size options whose labels together are longer than a TEXT column holds. */
  async function addSizeOptions(builder: MagentoCatalogBuilder, shop: mysql.Connection): Promise<void> {
    const size = builder.metadata.product.size;
    for (const [index, label] of sizeLabels.entries()) {
      const [inserted] = await shop.query<mysql.ResultSetHeader>('INSERT INTO eav_attribute_option (attribute_id, sort_order) VALUES (?, ?)', [size.id, 100 + index]);
      await shop.query('INSERT INTO eav_attribute_option_value (option_id, store_id, value) VALUES (?, 0, ?)', [inserted.insertId, label]);
      size.options[label] = inserted.insertId;
    }
  }

  beforeAll(async () => {
    world = await HandBuiltShop.start('shop_values', { IMPORT_CHUNK_SIZE: '250' }, async (builder, shop) => {
      // Magento's tables can hold zero dates: MySQL wrote them under a lenient sql_mode.
      await shop.query("SET SESSION sql_mode = ''");
      await addSizeOptions(builder, shop);
      ids.big = await builder.product({ sku: 'BIG-PRICE', price: 123456789.5, qty: 3 });
      ids.fine = await builder.product({ sku: 'FINE-PRICE', price: 19.999999, qty: 3 });
      ids.zeroDate = await builder.product({ sku: 'ZERO-DATE', price: 10, qty: 3, createdAt: '0000-00-00 00:00:00' });
      ids.wide = await builder.product({ sku: 'WIDE', type: 'configurable', price: null });
      for (const [index, size] of sizeLabels.entries()) await builder.child(ids.wide, { sku: `WIDE-${index + 1}`, size, price: 30, qty: 1 });
      ids.refused = await builder.product({ sku: 'REFUSED-1', price: 10, qty: 3 });
      ids.gone = await builder.product({ sku: 'GONE-1', price: 10, qty: 3 });
    });
  }, 120_000);
  afterAll(() => world?.close());

  it('stores prices at decimal(20,6) exactly, a zero date as null, and 300 joined size labels whole', async () => {
    await refuse(['REFUSED-1', 'GONE-1']);

    const job = await runJob(world.http, { limit: 1000 });

    expect(job).toMatchObject({ status: 'completed', metrics: { processed: 6, inserted: 4, errors_count: 2 } });
    expect(job.errors.map((e: { sku: string }) => e.sku)).toEqual(['REFUSED-1', 'GONE-1']);
    expect(await stored('BIG-PRICE')).toMatchObject({ price: '123456789.500000' });
    expect(await stored('FINE-PRICE')).toMatchObject({ price: '19.999999' });
    expect(await stored('ZERO-DATE')).toMatchObject({ product_created_at: null });
    const wide = await stored('WIDE');
    expect(wide.size_range.length).toBeGreaterThan(65_535);
    expect(wide.size_range.split(', ')).toEqual(sizeLabels);
    expect(wide.stock_qty).toBe('300.000000');
    expect(await state()).toMatchObject({ imported: 4, owed: 2 });
  });

  it('retries what is owed in every later import and refresh, though the cursor passed it', async () => {
    const cursor = (await state()).last_successful_source_id;

    const imported = await runJob(world.http, { limit: 1000 });
    const refreshed = await runJob(world.http, { mode: 'refresh' });

    for (const job of [imported, refreshed]) {
      expect(job).toMatchObject({ status: 'completed', metrics: { errors_count: 2 } });
      expect(job.errors.map((e: { source_id: number }) => e.source_id)).toEqual([ids.refused, ids.gone]);
    }
    expect(imported.metrics).toMatchObject({ total_found: 2, processed: 2 });
    expect(refreshed.metrics).toMatchObject({ total_found: 6, processed: 6, unchanged: 4 });
    expect(await state()).toMatchObject({ last_successful_source_id: cursor, owed: 2 });
  });

  it('writes an owed product once the Lookbook takes it, and forgets one the shop stopped selling', async () => {
    const cursor = (await state()).last_successful_source_id;
    await world.dbs.admin.query(`ALTER TABLE \`${world.lookbookDb}\`.products DROP CONSTRAINT refused_by_operator`);
    await world.shop.query('UPDATE cataloginventory_stock_item SET qty = 0, is_in_stock = 0 WHERE product_id = ?', [ids.gone]);

    const job = await runJob(world.http, { limit: 1000 });

    expect(job).toMatchObject({ status: 'completed', metrics: { total_found: 2, processed: 2, inserted: 1, skipped: 1, errors_count: 0 } });
    expect(await stored('REFUSED-1')).toMatchObject({ source_id: ids.refused, in_stock: 1 });
    expect(await stored('GONE-1')).toBeUndefined();
    expect(await state()).toMatchObject({ last_successful_source_id: cursor, imported: 5, owed: 0 });
    expect((await runJob(world.http, { limit: 1000 })).metrics).toMatchObject({ total_found: 0, errors_count: 0 });
  });
});
