import mysql from 'mysql2/promise';
import request from 'supertest';
import { AUTH } from './support/auth';
import { HandBuiltShop, deleteProduct, setSku } from './support/hand-built-shop';
import { runJob } from './support/poll';

type Row = mysql.RowDataPacket;
const STATE = '/api/admin/product-import/state';

/**
 * The SKU rule on generated shop rows: a Lookbook row belongs to the product that holds its SKU in
 * the shop now; SKUs Magento treats as equal (surrounding spaces, case) are one SKU, owned by the
 * product with the lower entity_id, the other one an error naming both; a rename onto the SKU of a
 * withdrawn row takes that row over. Chunks of 3, so equal SKUs meet across chunks and jobs.
 */
describe('SKU renames and collisions (real databases)', () => {
  let world: HandBuiltShop;
  const ids: Record<string, number> = {};

  /** Every Lookbook row: SKU → the product it belongs to and whether it is on sale. */
  const rows = async () => {
    const [found] = await world.dbs.admin.query<Row[]>(`SELECT id, sku, source_id, in_stock, price FROM \`${world.lookbookDb}\`.products ORDER BY id`);
    return Object.fromEntries(found.map((r) => [r.sku, { id: Number(r.id), source_id: Number(r.source_id), in_stock: Number(r.in_stock) === 1, price: r.price }]));
  };
  const refresh = () => runJob(world.http, { mode: 'refresh' });
  const reimport = () => runJob(world.http, { resumeFromLast: false, startAfterId: 0, limit: 1000 });
  const state = async () => (await request(world.http).get(STATE).set(AUTH).expect(200)).body;
  const errorsOf = (job: Record<string, any>) => job.errors.map((e: { source_id: number }) => e.source_id).sort((a: number, b: number) => a - b);

  beforeAll(async () => {
    world = await HandBuiltShop.start('sku_rules', { IMPORT_CHUNK_SIZE: '3' }, async (builder) => {
      ids.spaced1 = await builder.product({ sku: 'XCH-1', price: 11, qty: 1 });
      ids.oldName = await builder.product({ sku: 'X-OLD', price: 40, qty: 1 });
      ids.spaced2 = await builder.product({ sku: 'XCH-1  ', price: 12, qty: 1 });
      ids.lead1 = await builder.product({ sku: ' TRAIL-1', price: 21, qty: 1 });
      ids.renamer = await builder.product({ sku: 'B-1', price: 50, qty: 1 });
      ids.lead2 = await builder.product({ sku: 'TRAIL-1', price: 22, qty: 1 });
      ids.lower = await builder.product({ sku: 'case-1', price: 31, qty: 1 });
      ids.upper = await builder.product({ sku: 'CASE-1', price: 32, qty: 1 });
    });
  }, 120_000);
  afterAll(() => world?.close());

  it('gives SKUs Magento treats as equal to the lower entity_id, with one error naming both, across chunks', async () => {
    const job = await runJob(world.http, { limit: 1000 });

    expect(job).toMatchObject({ status: 'completed', metrics: { processed: 8, inserted: 5, errors_count: 3 } });
    expect(errorsOf(job)).toEqual([ids.spaced2, ids.lead2, ids.upper]);
    const error = job.errors.find((e: { source_id: number }) => e.source_id === ids.spaced2);
    expect(error.message).toContain(`product ${ids.spaced2}`);
    expect(error.message).toContain(`product ${ids.spaced1}`);
    expect(await rows()).toEqual({
      'XCH-1': expect.objectContaining({ source_id: ids.spaced1, in_stock: true, price: '11.000000' }),
      'X-OLD': expect.objectContaining({ source_id: ids.oldName, in_stock: true }),
      'TRAIL-1': expect.objectContaining({ source_id: ids.lead1, in_stock: true, price: '21.000000' }),
      'B-1': expect.objectContaining({ source_id: ids.renamer, in_stock: true }),
      'case-1': expect.objectContaining({ source_id: ids.lower, in_stock: true, price: '31.000000' }),
    });
    expect(await state()).toMatchObject({ owed: 3 });
  });

  it('never moves a row between the two: refreshes and re-imports leave every row where it is, and name both each time', async () => {
    const before = await rows();

    for (const job of [await refresh(), await reimport(), await refresh()]) {
      expect(job).toMatchObject({ status: 'completed', metrics: { updated: 0, inserted: 0, withdrawn: 0 } });
      expect(errorsOf(job)).toEqual([ids.spaced2, ids.lead2, ids.upper]);
      expect(await rows()).toEqual(before);
    }
  });

  it("resolves a rename onto a deleted product's SKU in one refresh: the renamed product takes the row, its old row is withdrawn", async () => {
    const before = await rows();
    await deleteProduct(world.shop, ids.oldName);
    await setSku(world.shop, ids.renamer, 'X-OLD');

    const job = await refresh();

    expect(job).toMatchObject({ status: 'completed' });
    expect(errorsOf(job)).toEqual([ids.spaced2, ids.lead2, ids.upper]);
    const after = await rows();
    expect(after['X-OLD']).toEqual({ id: before['X-OLD'].id, source_id: ids.renamer, in_stock: true, price: '50.000000' });
    expect(after['B-1']).toMatchObject({ source_id: ids.renamer, in_stock: false });
    expect((await refresh()).metrics).toMatchObject({ updated: 0, withdrawn: 0, errors_count: 3 });
  });

  it('follows a change of case on the same row, and gives the SKU to the other product once the owner lets it go', async () => {
    const before = await rows();
    await setSku(world.shop, ids.lower, 'Case-1');

    await refresh();

    expect((await rows())['Case-1']).toEqual({ ...before['case-1'] });
    await setSku(world.shop, ids.lower, 'case-1-renamed');

    const job = await refresh();

    expect(errorsOf(job)).toEqual([ids.spaced2, ids.lead2]);
    const after = await rows();
    expect(after['case-1-renamed']).toMatchObject({ id: before['case-1'].id, source_id: ids.lower, in_stock: true });
    expect(after['CASE-1']).toMatchObject({ source_id: ids.upper, in_stock: true, price: '32.000000' });
    expect(await state()).toMatchObject({ owed: 2 });
  });
});
