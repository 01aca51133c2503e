import mysql from 'mysql2/promise';
import { eligibleSourceProducts } from './support/eligible-oracle';
import { FixtureShop, ImportFixture, startJob, waitForEnd } from './support/import-fixture';

type Row = mysql.RowDataPacket;

/**
 * The whole job path (real backend process, HTTP API, chunks, cursor) on generated shops of every
 * shape, checked against the independent on-sale oracle: exactly its products, with its stock
 * quantities, every row in stock, the cursor on the last one.
 */
describe.each<FixtureShop & { name: string }>([
  { name: 'Adobe Commerce + multi-source inventory + table prefix', edition: 'commerce', stock: 'msi', tablePrefix: 'mg_' },
  { name: 'Open Source + multi-source inventory', edition: 'open-source', stock: 'msi' },
  { name: 'Adobe Commerce + legacy stock', edition: 'commerce', stock: 'legacy' },
  { name: 'Open Source + legacy stock + table prefix', edition: 'open-source', stock: 'legacy', tablePrefix: 'shop1_' },
])('An import job on $name', (shape) => {
  let fixture: ImportFixture;

  beforeAll(async () => {
    fixture = await ImportFixture.create(`shape_job_${shape.edition}_${shape.stock}`, { products: 4000, seed: 11, ...shape });
  });
  afterAll(() => fixture?.close());

  it('imports exactly the products the shop sells, with their stock, in jobs that resume', async () => {
    const backend = await fixture.start({ IMPORT_CHUNK_SIZE: '97' });
    const expected = fixture.expectedIds();
    expect(expected.length).toBeGreaterThan(150);

    const firstId = await startJob(backend, { limit: 150 });
    const first = await waitForEnd(backend, firstId);
    const secondId = await startJob(backend, { limit: 1000 });
    const second = await waitForEnd(backend, secondId);

    expect([first.status, second.status]).toEqual(['completed', 'completed']);
    expect(first.metrics.total_found + second.metrics.total_found).toBe(fixture.eligible.length);
    expect(await fixture.importedIds()).toEqual(expected);
    expect(await fixture.cursor()).toBe(fixture.eligible[fixture.eligible.length - 1]);

    const oracle = await eligibleSourceProducts(fixture.dbs.admin, fixture.magentoDb, { storeId: 1, stockSource: shape.stock, tablePrefix: shape.tablePrefix });
    const [rows] = await fixture.dbs.admin.query<Row[]>(`SELECT source_id, stock_qty, in_stock FROM \`${fixture.lookbookDb}\`.products ORDER BY source_id`);
    const stockOf = new Map(oracle.map((p) => [p.id, Number(p.stockQty)]));
    expect(rows.map((r) => [Number(r.source_id), Number(r.stock_qty)])).toEqual(rows.map((r) => [Number(r.source_id), stockOf.get(Number(r.source_id))]));
    expect(rows.every((r) => Number(r.in_stock) === 1)).toBe(true);
  });

  it('reads the same products whether a chunk\'s values come in one statement or several', async () => {
    // The job above read chunks of 97 products; here the whole on-sale set is one chunk, whose
    // values (thousands of rows) the adapter reads in several statements. Every row must hash the same.
    await fixture.stopAll();
    const backend = await fixture.start({ IMPORT_CHUNK_SIZE: '1000' });

    const jobId = await startJob(backend, { resumeFromLast: false, startAfterId: 0, limit: 1000 });
    const job = await waitForEnd(backend, jobId);

    expect(job).toMatchObject({ status: 'completed', metrics: { total_found: fixture.eligible.length, unchanged: fixture.eligible.length, updated: 0, inserted: 0 } });
  });
});
