import { NestExpressApplication } from '@nestjs/platform-express';
import mysql from 'mysql2/promise';
import request from 'supertest';
import { MagentoCatalogBuilder } from '../../scripts/magento/catalog-builder';
import { parseMysqlUrl } from '../src/config/app-config';
import { AUTH } from './support/auth';
import { deleteProduct as deleteShopProduct, setSku as setShopSku } from './support/hand-built-shop';
import { pollJob, runJob } from './support/poll';
import { startTestApp } from './support/test-app';
import { TestDatabases, createTestDatabases } from './support/test-databases';

type Row = mysql.RowDataPacket;
const JOBS = '/api/admin/product-import/jobs';
const STATE = '/api/admin/product-import/state';

/**
 * A refresh on a small hand-built shop: import everything, change the shop the ways a shop changes,
 * refresh, and check every Lookbook row and every counter. (Products removed from the store's
 * website are withdrawn by the same rule once the reader knows websites.)
 */
describe('Refresh jobs (real databases)', () => {
  let dbs: TestDatabases;
  let shop: mysql.Connection;
  let builder: MagentoCatalogBuilder;
  let app: NestExpressApplication;
  let http: ReturnType<NestExpressApplication['getHttpServer']>;
  const ids: Record<string, number> = {};
  let lookbookDb: string;

  /** Every Lookbook row by SKU, as the admin table would read it. */
  const rows = async () => {
    const [found] = await dbs.admin.query<Row[]>(
      `SELECT sku, source_id, title, price, stock_qty, in_stock, size_range FROM \`${lookbookDb}\`.products ORDER BY source_id, id`,
    );
    return Object.fromEntries(found.map((r) => [r.sku, { ...r, source_id: Number(r.source_id), in_stock: Number(r.in_stock) === 1 }]));
  };
  const cursor = async () => {
    const [[row]] = await dbs.admin.query<Row[]>(`SELECT value FROM \`${lookbookDb}\`.product_import_meta WHERE \`key\` = 'last_successful_source_id'`);
    return Number(row.value);
  };
  const refresh = () => runJob(http, { mode: 'refresh' });

  // Changes to the shop, in SQL as Magento's admin would leave its tables.
  const attribute = (code: string) => builder.metadata.product[code as 'price'].id;
  const setQty = (entityId: number, qty: number) =>
    shop.query('UPDATE cataloginventory_stock_item SET qty = ?, is_in_stock = ? WHERE product_id = ?', [qty, qty > 0 ? 1 : 0, entityId]);
  const setValue = (table: string, code: string, entityId: number, value: unknown) =>
    shop.query(`UPDATE catalog_product_entity_${table} SET value = ? WHERE entity_id = ? AND attribute_id = ? AND store_id = 0`, [value, entityId, attribute(code)]);
  const setSku = (entityId: number, sku: string) => setShopSku(shop, entityId, sku);
  const deleteProduct = (entityId: number) => deleteShopProduct(shop, entityId);

  beforeAll(async () => {
    dbs = await createTestDatabases('refresh');
    lookbookDb = parseMysqlUrl('LOOKBOOK_DB_URL', dbs.lookbookUrl).database;
    shop = await mysql.createConnection({ uri: dbs.magentoUrl, charset: 'utf8mb4' });
    builder = await MagentoCatalogBuilder.create(shop);
    ids.keep = await builder.product({ sku: 'KEEP', name: 'Kept Tee', price: 20, qty: 4 });
    ids.soldOut = await builder.product({ sku: 'SOLD-OUT', price: 30, qty: 5 });
    ids.disabled = await builder.product({ sku: 'DISABLED', price: 30, qty: 5 });
    ids.hidden = await builder.product({ sku: 'HIDDEN', price: 30, qty: 5 });
    ids.deleted = await builder.product({ sku: 'DELETED', price: 30, qty: 5 });
    ids.changed = await builder.product({ sku: 'CHANGED', name: 'Old Name', price: 10, qty: 5 });
    ids.renamed = await builder.product({ sku: 'OLD-SKU', price: 15, qty: 5 });
    ids.clash = await builder.product({ sku: 'CLASH', price: 15, qty: 5 });
    ids.style = await builder.product({ sku: 'STYLE', type: 'configurable', price: null });
    ids.styleS = await builder.child(ids.style, { sku: 'STYLE-S', size: 'S', color: 'Blue', price: 40, qty: 2 });
    ids.styleM = await builder.child(ids.style, { sku: 'STYLE-M', size: 'M', color: 'Blue', price: 40, qty: 3 });
    ids.lastOne = await builder.product({ sku: 'LAST-ONE', type: 'configurable', price: null });
    ids.lastOneS = await builder.child(ids.lastOne, { sku: 'LAST-ONE-S', size: 'S', color: 'Red', price: 50, qty: 1 });
    // Each chunk's shop read waits a little, so a job is still running when the next request comes.
    app = await startTestApp(dbs, { IMPORT_CHUNK_SIZE: '3', IMPORT_TEST_SOURCE_DELAY_MS: '100' });
    http = app.getHttpServer();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await shop?.end();
    await dbs?.drop();
  });

  it('withdraws what stopped selling, updates what changed, renames where the SKU is free or its row withdrawn, and never moves the cursor', async () => {
    const imported = await runJob(http, { limit: 1000 });
    expect(imported.metrics).toMatchObject({ processed: 10, inserted: 10, withdrawn: 0 });
    const importedCursor = await cursor();
    // A copy of KEEP left behind by an earlier SKU change: same source id, the old SKU.
    await dbs.admin.query(
      `INSERT INTO \`${lookbookDb}\`.products (source_id, sku, title, price, in_stock, stock_qty, content_hash)
       SELECT source_id, 'KEEP-BEFORE-RENAME', title, price, 1, stock_qty, content_hash FROM \`${lookbookDb}\`.products WHERE sku = 'KEEP'`,
    );
    const before = await rows();

    await setQty(ids.soldOut, 0);
    await setValue('int', 'status', ids.disabled, 2);
    await setValue('int', 'visibility', ids.hidden, 1);
    await deleteProduct(ids.deleted);
    await setValue('decimal', 'price', ids.changed, 12.5);
    await setValue('varchar', 'name', ids.changed, 'New Name');
    await setSku(ids.renamed, 'NEW-SKU');
    await setSku(ids.clash, 'DELETED'); // the deleted product's row still holds this SKU: it is taken over
    await setQty(ids.styleS, 0);
    await setQty(ids.lastOneS, 0);

    const job = await refresh();

    expect(job).toMatchObject({ status: 'completed', error_message: null });
    // A refresh records only what it uses.
    expect(job.params).toEqual({ mode: 'refresh' });
    expect(job.metrics).toMatchObject({
      // 11 rows, then the deleted product that lost its row, retried as owed and found gone (skipped).
      total_found: 12, processed: 12, inserted: 0, updated: 4, unchanged: 1, withdrawn: 7, skipped: 1, errors_count: 0,
      last_processed_source_id: ids.lastOne,
    });
    expect(job.errors).toEqual([]);
    const after = await rows();
    const withdrawn = (sku: string) => ({ ...before[sku], in_stock: false, stock_qty: '0.000000' });
    expect(after).toEqual({
      KEEP: before.KEEP,
      'KEEP-BEFORE-RENAME': withdrawn('KEEP-BEFORE-RENAME'),
      'SOLD-OUT': withdrawn('SOLD-OUT'),
      DISABLED: withdrawn('DISABLED'),
      HIDDEN: withdrawn('HIDDEN'),
      DELETED: { ...before.CLASH, sku: 'DELETED' },
      CHANGED: { ...before.CHANGED, title: 'New Name', price: '12.500000' },
      'NEW-SKU': { ...before['OLD-SKU'], sku: 'NEW-SKU' },
      CLASH: withdrawn('CLASH'),
      STYLE: { ...before.STYLE, stock_qty: '3.000000', size_range: 'M' },
      'LAST-ONE': withdrawn('LAST-ONE'),
    });
    expect(await cursor()).toBe(importedCursor);
  });

  it('reports everything unchanged on a second refresh: no clash outlasts one refresh', async () => {
    const before = await rows();

    const job = await refresh();

    expect(job.metrics).toMatchObject({ processed: 11, updated: 0, withdrawn: 0, unchanged: 11, errors_count: 0 });
    expect(await rows()).toEqual(before);
  });

  it('brings a withdrawn product back when it sells again, counted as updated', async () => {
    await setQty(ids.soldOut, 9);
    await setValue('int', 'status', ids.disabled, 1);

    const job = await refresh();

    expect(job.metrics).toMatchObject({ updated: 2, withdrawn: 0, unchanged: 9, errors_count: 0 });
    const after = await rows();
    expect(after['SOLD-OUT']).toMatchObject({ in_stock: true, stock_qty: '9.000000', price: '30.000000' });
    expect(after.DISABLED).toMatchObject({ in_stock: true, stock_qty: '5.000000' });
  });

  it('reports the Lookbook products, those on sale and the last refresh in the state', async () => {
    const last = await refresh();

    const { body } = await request(http).get(STATE).set(AUTH).expect(200);

    expect(body).toMatchObject({ imported: 11, on_sale: 7, last_refresh: { id: last.id, params: { mode: 'refresh' } }, last_job: { id: last.id } });
  });

  it('lets an import bring back a withdrawn product, and leaves the row a refresh gave to the product renamed onto its SKU', async () => {
    await setValue('int', 'visibility', ids.hidden, 4);

    const job = await runJob(http, { resumeFromLast: false, startAfterId: 0, limit: 1000 });

    expect(job.metrics).toMatchObject({ updated: 1, withdrawn: 0, errors_count: 0 });
    const imported = await rows();
    expect(imported.HIDDEN).toMatchObject({ in_stock: true, stock_qty: '5.000000' });
    expect(imported.DELETED).toMatchObject({ source_id: ids.clash, in_stock: true, price: '15.000000' });
    expect(imported.CLASH).toMatchObject({ source_id: ids.clash, in_stock: false });

    const refreshed = await refresh();

    expect(refreshed.metrics).toMatchObject({ updated: 0, withdrawn: 0, errors_count: 0 });
    expect(await rows()).toEqual(imported);
  });

  it('answers 409 with the running job, whichever kind each of the two is', async () => {
    for (const [first, second] of [[{ mode: 'refresh' }, { mode: 'import' }], [{ mode: 'import', limit: 1000, resumeFromLast: false, startAfterId: 0 }, { mode: 'refresh' }]]) {
      const running = (await request(http).post(JOBS).set(AUTH).send(first).expect(201)).body.jobId;

      const refused = await request(http).post(JOBS).set(AUTH).send(second).expect(409);

      expect(refused.body).toEqual({ message: 'Job already running', jobId: running });
      expect((await pollJob(http, running)).at(-1)).toMatchObject({ status: 'completed', params: first });
    }
  });

  it.each([
    [{ mode: 'resync' }, /mode must be one of: import, refresh/],
    [{ mode: 'REFRESH' }, /mode must be one of: import, refresh/],
    [{ mode: null }, /mode must be one of: import, refresh/],
    [{ mode: ['refresh'] }, /mode must be one of: import, refresh/],
    [{ mode: 'refresh', limit: 5000 }, /limit must not be greater than 1000/],
  ])('answers %j with 400 naming the problem, and creates no job', async (body, message) => {
    const [[before]] = await dbs.admin.query<Row[]>(`SELECT COUNT(*) AS n FROM \`${lookbookDb}\`.product_import_jobs`);

    const response = await request(http).post(JOBS).set(AUTH).send(body).expect(400);

    expect(JSON.stringify(response.body.message)).toMatch(message);
    const [[after]] = await dbs.admin.query<Row[]>(`SELECT COUNT(*) AS n FROM \`${lookbookDb}\`.product_import_jobs`);
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('keeps the chunks committed before the shop went away, and a second run finishes the refresh', async () => {
    await setValue('decimal', 'price', ids.keep, 21);
    await setValue('decimal', 'price', ids.styleM, 45);
    // A second app on the same databases, whose every page read pauses long enough to be cut.
    const slow = await startTestApp(dbs, { IMPORT_CHUNK_SIZE: '3', IMPORT_TEST_SOURCE_DELAY_MS: '1500' });
    try {
      const jobId = (await request(slow.getHttpServer()).post(JOBS).set(AUTH).send({ mode: 'refresh' }).expect(201)).body.jobId;
      const job = async () => (await request(slow.getHttpServer()).get(`${JOBS}/${jobId}`).set(AUTH).expect(200)).body;
      await waitUntil(async () => (await job()).metrics.processed >= 3);
      const reader = await waitUntil(async () => {
        const [sleeping] = await dbs.admin.query<Row[]>(`SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE 'DO SLEEP%' AND DB = ?`, [parseMysqlUrl('MYSQL_SHOP_URL', dbs.magentoUrl).database]);
        return sleeping[0]?.ID;
      });

      await dbs.admin.query(`KILL CONNECTION ${reader}`);

      const failed = await waitUntil(async () => {
        const seen = await job();
        return seen.status === 'failed' ? seen : undefined;
      });
      expect(failed.error_message).toMatch(/^Magento database unavailable: connection (killed|lost)$/);
      expect(failed.metrics.processed).toBeGreaterThanOrEqual(3);
      expect(failed.metrics.processed).toBeLessThan(11);
      const cut = await rows();
      expect(cut.KEEP.price).toBe('21.000000');
      expect(cut.STYLE.price).toBe('40.000000');
    } finally {
      await slow.close();
    }

    const rerun = await refresh();

    expect(rerun).toMatchObject({ status: 'completed', metrics: { processed: 11, updated: 1, withdrawn: 0 } });
    // STYLE-S is sold out, so STYLE-M alone sets the style's price now.
    expect((await rows()).STYLE.price).toBe('45.000000');
    expect((await rows()).KEEP.price).toBe('21.000000');
  });

  it("withdraws a product taken out of the store's website, and one the shop flags out of stock with quantity left", async () => {
    const offWebsite = await builder.product({ sku: 'OFF-WEBSITE', price: 25, qty: 5 });
    const flagged = await builder.product({ sku: 'FLAGGED-OUT', price: 25, qty: 5 });
    expect((await runJob(http, { limit: 1000 })).metrics).toMatchObject({ processed: 2, inserted: 2 });
    await shop.query('DELETE FROM catalog_product_website WHERE product_id = ?', [offWebsite]);
    await shop.query('UPDATE cataloginventory_stock_item SET is_in_stock = 0 WHERE product_id = ?', [flagged]);

    const job = await refresh();

    expect(job.metrics).toMatchObject({ processed: 13, withdrawn: 2 });
    const after = await rows();
    expect(after['OFF-WEBSITE']).toMatchObject({ in_stock: false, stock_qty: '0.000000', price: '25.000000' });
    expect(after['FLAGGED-OUT']).toMatchObject({ in_stock: false, stock_qty: '0.000000', price: '25.000000' });
  });

  it('withdraws a product with every field filled without touching any other column, and the products API shows it off sale', async () => {
    const coats = await builder.category(['Women', 'Coats']);
    const rich = await builder.product({
      sku: 'RICH', name: 'Rich Coat', price: 99.5, qty: 4, image: '/r/i/rich.jpg', urlKey: 'rich-coat', size: 'M', color: 'Blue',
      material: ['Cotton'], categories: [coats], attributes: { gender: 'Women' },
    });
    expect((await runJob(http, { limit: 1000 })).metrics).toMatchObject({ inserted: 1 });
    const full = async () => (await dbs.admin.query<Row[]>(`SELECT * FROM \`${lookbookDb}\`.products WHERE sku = 'RICH'`))[0][0];
    const before = await full();
    for (const column of ['title', 'price', 'size_range', 'color', 'material', 'image_key', 'url_key', 'category', 'attributes', 'product_created_at']) {
      expect([column, before[column]]).not.toEqual([column, null]);
    }
    await setQty(rich, 0);

    expect((await refresh()).metrics).toMatchObject({ withdrawn: 1 });

    expect(await full()).toEqual({ ...before, in_stock: 0, stock_qty: '0.000000', content_hash: '', updated_at: expect.any(Date) });
    const { body } = await request(http).get('/api/admin/products').query({ q: 'RICH' }).set(AUTH).expect(200);
    expect(body.items).toEqual([expect.objectContaining({ sku: 'RICH', in_stock: false, stock_qty: 0, price: '99.500000', color: 'Blau' })]);
  });

  it('names the last refresh in the state, not the last job of any kind', async () => {
    const lastRefresh = await refresh();
    const lastImport = await runJob(http, { limit: 1000 });

    const { body } = await request(http).get(STATE).set(AUTH).expect(200);

    expect(body.last_job.id).toBe(lastImport.id);
    expect(body.last_refresh).toMatchObject({ id: lastRefresh.id, params: { mode: 'refresh' } });
  });
});

/** Asks `read` until it returns something, for up to 20 s. */
async function waitUntil<T>(read: () => Promise<T | undefined | false>): Promise<T> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const value = await read();
    if (value !== undefined && value !== false) return value as T;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('timed out');
}
