import mysql from 'mysql2/promise';
import { addDays } from '../../scripts/magento/storefront-config';
import { eligibleSourceIds, eligibleSourceProducts } from './support/eligible-oracle';
import { FixtureShop, ImportFixture, startJob, waitForEnd } from './support/import-fixture';
import { ruleCases, rulesWithoutACase } from './support/storefront-coverage';
import { STOREFRONT_FIELDS, ShopEditor, expectedStorefronts, field, servedStorefronts, storefrontOracle } from './support/storefront';

type Row = mysql.RowDataPacket;

/**
 * The whole job path (real backend process, HTTP API, chunks, cursor) on generated shops of every
 * shape, checked against the independent on-sale oracle: exactly its products, with its stock
 * quantities, every row in stock, the cursor on the last one; and against the storefront oracle
 * (scripts/magento/storefront-oracle.ts, computed from what the generator wrote): each product's
 * final price, photos, image URL, product URL and colours, on store 1 and store 2, after an import
 * and after a refresh of a changed shop.
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

  it('writes each product\'s final price, photos, image URL, product URL and colours as store 1 shows them', async () => {
    // The Lookbook holds every product on sale (the tests above); the oracle says what each must show.
    await fixture.stopAll();
    const backend = await fixture.start();
    const oracle = await storefrontOracle(fixture, 1);
    const expected = expectedStorefronts(oracle, fixture.expectedIds());
    const served = await servedStorefronts(backend);

    expect(rulesWithoutACase(ruleCases(fixture.model, oracle, expected))).toEqual([]);
    for (const name of STOREFRONT_FIELDS) expect(field(served, name)).toEqual(field(expected, name));
  });

  it('rewrites on refresh what the shop changed: a sale that ended, a sale that starts today, a photo hidden in the store', async () => {
    await fixture.stopAll();
    const backend = await fixture.start();
    const before = expectedStorefronts(await storefrontOracle(fixture, 1), fixture.expectedIds());
    const oracleBefore = await storefrontOracle(fixture, 1);
    const standalone = fixture.expectedIds().map((id) => fixture.model.products.get(id)!).filter((record) => record.typeId === 'simple' && record.parentId === undefined);
    const onSale = standalone.find((record) => oracleBefore.priceSource(record) === 'special' && before[record.entityId].final_price !== oracleBefore.finalPrice({ ...record, values: record.values.filter((v) => v.attribute.code !== 'special_price') }))!;
    const notOnSale = standalone.find((record) => record !== onSale && !record.values.some((v) => v.attribute.code === 'special_price') && oracleBefore.priceSource(record) === 'price')!;
    const withPhotos = standalone.find((record) => record !== onSale && record !== notOnSale && before[record.entityId].images.length > 0)!;
    const editor = new ShopEditor(fixture);
    await editor.setValue(onSale, 'special_to_date', 0, `${addDays(oracleBefore.today, -1)} 00:00:00`);
    await editor.setValue(notOnSale, 'special_price', 0, Math.round(Number(before[notOnSale.entityId].final_price) * 50) / 100);
    await editor.setValue(notOnSale, 'special_from_date', 0, `${oracleBefore.today} 00:00:00`);
    const firstPhoto = withPhotos.storefront!.gallery.find((entry) => before[withPhotos.entityId].images[0].url.endsWith(entry.file))!;
    await editor.setGalleryValue(withPhotos, firstPhoto.valueId, { storeId: 1, label: null, position: null, disabled: 1 });

    const jobId = await startJob(backend, { mode: 'refresh' });
    const job = await waitForEnd(backend, jobId);

    const after = expectedStorefronts(await storefrontOracle(fixture, 1), fixture.expectedIds());
    const changed = Object.keys(after).filter((id) => JSON.stringify(after[Number(id)]) !== JSON.stringify(before[Number(id)])).map(Number);
    expect(changed.sort((a, b) => a - b)).toEqual([onSale.entityId, notOnSale.entityId, withPhotos.entityId].sort((a, b) => a - b));
    expect(job).toMatchObject({ status: 'completed', metrics: { updated: 3, withdrawn: 0, errors_count: 0 } });
    const served = await servedStorefronts(backend);
    for (const name of STOREFRONT_FIELDS) expect(field(served, name)).toEqual(field(after, name));
  });

  it('imports store 2 with its own links, media URL, timezone, labels, swatches and prices', async () => {
    await fixture.stopAll();
    await fixture.resetLookbook();
    const backend = await fixture.start({ MAGENTO_STORE_ID: '2' });
    const ids = await eligibleSourceIds(fixture.dbs.admin, fixture.magentoDb, {
      storeId: 2, stockSource: shape.stock, tablePrefix: shape.tablePrefix,
    });
    expect(ids.length).toBeGreaterThan(20);

    const job = await waitForEnd(backend, await startJob(backend, { limit: 1000 }));

    expect(job.status).toBe('completed');
    const oracle = await storefrontOracle(fixture, 2);
    // Plain http, no rewrites, the store code, the store's own suffix; media from the base URL.
    expect([oracle.linkBase, oracle.mediaBase]).toEqual(['http://de.lookbook-fashion.test/index.php/second/', 'http://de.lookbook-fashion.test/media/']);
    const expected = expectedStorefronts(oracle, ids.filter((id) => !fixture.emptySku.has(id)));
    const served = await servedStorefronts(backend);
    for (const name of STOREFRONT_FIELDS) expect(field(served, name)).toEqual(field(expected, name));
  });
});
