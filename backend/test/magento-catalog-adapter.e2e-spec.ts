import mysql from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { MagentoCatalogBuilder } from '../../scripts/magento/catalog-builder';
import { AppConfig } from '../src/config/app-config';
import { magentoDataSourceOptions } from '../src/database/data-source-options';
import { idsIn } from '../src/product-import/adapters/magento/id-runs';
import { MagentoCatalogAdapter } from '../src/product-import/adapters/magento/magento-catalog.adapter';
import { ProductRecord } from '../src/product-import/domain/product-record';
import { TestDatabases, createTestDatabases } from './support/test-databases';
import { testConfig } from './support/test-app';

/** A small shop with one product for each rule of the mapping. */
async function buildShop(shop: MagentoCatalogBuilder) {
  const hoodies = await shop.category(['Men', 'Tops', 'Hoodies & Sweatshirts']);
  const menTops = await shop.category(['Men', 'Tops']);
  const pants = await shop.category(['Women', 'Bottoms', 'Pants'], { storeName: 'Hosen' });
  const jackets = await shop.category(['Women', 'Jackets']);
  const coats = await shop.category(['Women', 'Coats']);

  const ids: Record<string, number> = {};
  ids.chaz = await shop.product({
    sku: 'MH01', type: 'configurable', name: 'Chaz Hoodie', storeName: 'Chaz Kapuzenpulli', price: null,
    image: '/m/h/mh01.jpg', urlKey: 'chaz-hoodie', material: ['Fleece', 'Cotton'], pattern: ['Striped', 'Solid'],
    season: 'Autumn', occasion: 'Casual', attributes: { gender: 'Men', eco_collection: true, climate: ['Windy', 'Cold'] },
    categories: [menTops, hoodies], createdAt: '2024-03-05 10:11:12', websites: [1, 2],
  });
  await shop.child(ids.chaz, { sku: 'MH01-M-Blue', size: 'M', color: 'Blue', price: 52, qty: 10, websites: [1, 2] });
  await shop.child(ids.chaz, { sku: 'MH01-XS-Black', size: 'XS', color: 'Black', price: 48, qty: 5.5, websites: [1, 2] });
  await shop.child(ids.chaz, { sku: 'MH01-L-Red', size: 'L', color: 'Red', price: 30, qty: 0, websites: [1, 2] }); // out of stock
  // Flagged In Stock with none left (legacy stock): not sold, so it counts for no size, colour or price.
  await shop.child(ids.chaz, { sku: 'MH01-L-Green', size: 'L', color: 'Green', price: 9, qty: 0, isInStock: 1, websites: [1, 2] });
  await shop.child(ids.chaz, { sku: 'MH01-XL-Green', size: 'XL', color: 'Green', price: 20, qty: 7, status: 2, websites: [1, 2] }); // disabled
  await shop.child(ids.chaz, { sku: 'MH01-S-Blue', size: 'S', color: 'Blue', price: 21, qty: 3, storeStatus: 2, websites: [1, 2] }); // disabled in store 1
  ids.tee = await shop.product({ sku: 'TEE-1', name: 'Plain Tee', price: 19.99, qty: 3, size: 'S', color: 'Red', image: 'no_selection', categories: [jackets, coats] });
  ids.disabled = await shop.product({ sku: 'OFF-1', status: 2, qty: 5, price: 1 });
  ids.disabledInStore = await shop.product({ sku: 'OFF-2', storeStatus: 2, qty: 5, price: 1 });
  ids.enabledInStore = await shop.product({ sku: 'ON-STORE', status: 2, storeStatus: 1, qty: 5, price: 1, categories: [pants] });
  ids.noStock = await shop.product({ sku: 'EMPTY-1', qty: 0, price: 1 });
  ids.noPrice = await shop.product({ sku: 'NOPRICE', price: null, qty: 2 });
  ids.emptySku = await shop.product({ sku: '   ', qty: 2, price: 5 });
  ids.unicode = await shop.product({ sku: `  Q'"-😀-Ж  `, name: `Пальто "Зима" 😀 '; DROP TABLE products; --`, qty: 1, price: 5 });
  ids.soldOutStyle = await shop.product({ sku: 'MH02', type: 'configurable', price: null });
  await shop.child(ids.soldOutStyle, { sku: 'MH02-M', size: 'M', color: 'Blue', price: 40, qty: 0 });
  ids.ownPrice = await shop.product({ sku: 'MH03', type: 'configurable', price: 99 });
  await shop.child(ids.ownPrice, { sku: 'MH03-M', size: 'M', color: 'Blue', price: 40, qty: 1 });
  ids.noName = await shop.product({ sku: 'NONAME', name: null, qty: 1, price: 5 });
  ids.notVisible = await shop.product({ sku: 'HIDDEN', visibility: 1, qty: 4, price: 5 });
  ids.flaggedOut = await shop.product({ sku: 'FLAGGED-OUT', qty: 5, isInStock: 0, price: 5 });
  return ids;
}

/** What one job chunk reads: the eligible ids after a cursor, then those products. */
async function readEligible(sut: MagentoCatalogAdapter, query: { afterId: number; limit: number }) {
  return sut.fetchProducts(await sut.selectEligibleIds(query));
}

describe('MagentoCatalogAdapter', () => {
  let dbs: TestDatabases;
  let conn: mysql.Connection;
  let dataSource: DataSource;
  let config: AppConfig;
  let ids: Record<string, number>;
  const adapter = (magento: Partial<AppConfig['magento']> = {}) =>
    new MagentoCatalogAdapter(dataSource, { ...config, magento: { ...config.magento, ...magento } });
  const fetchAll = async (sut = adapter()) => readEligible(sut, { afterId: 0, limit: 1000 });
  const bySku = (products: ProductRecord[], sku: string) => products.find((p) => p.sku === sku)!;

  beforeAll(async () => {
    dbs = await createTestDatabases('reader');
    config = testConfig(dbs);
    conn = await mysql.createConnection({ uri: dbs.magentoUrl, charset: 'utf8mb4' });
    ids = await buildShop(await MagentoCatalogBuilder.create(conn, { multiselectBackend: 'text', withSeasonAndOccasion: true }));
    dataSource = new DataSource(magentoDataSourceOptions(config.shopDb));
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await conn.end();
    await dbs.drop();
  });

  it('returns exactly the enabled, visible, in-stock products, in source_id order', async () => {
    const page = await fetchAll();

    const eligible = ['chaz', 'tee', 'enabledInStore', 'noPrice', 'emptySku', 'unicode', 'ownPrice', 'noName'].map((k) => ids[k]);
    const returned = [...page.products, ...page.skipped].map((p) => p.source_id).sort((a, b) => a - b);
    expect(returned).toEqual(eligible.sort((a, b) => a - b));
    expect(page.products.map((p) => p.source_id)).toEqual([...page.products.map((p) => p.source_id)].sort((a, b) => a - b));
    expect(page.lastSourceId).toBe(Math.max(...eligible));
  });

  it('reads exactly the ids asked for when they come in runs with gaps (a page of children)', async () => {
    const all: number[] = (await dataSource.query('SELECT entity_id FROM catalog_product_entity ORDER BY entity_id')).map((r: { entity_id: number }) => Number(r.entity_id));
    // A run with gaps, a consecutive run, and a lone id far from the others.
    const asked = [all[0], all[2], all[5], all[6], all[7], 9_000_000];
    const { sql, params } = idsIn('entity_id', asked);
    expect(sql).toContain('BETWEEN');
    const rows: Array<{ entity_id: number }> = await dataSource.query(`SELECT entity_id FROM catalog_product_entity WHERE ${sql} ORDER BY entity_id`, params);
    expect(rows.map((r) => Number(r.entity_id))).toEqual([all[0], all[2], all[5], all[6], all[7]]);
  });

  it('maps a configurable from its counted children, store-view values and shop metadata', async () => {
    const chaz = bySku((await fetchAll()).products, 'MH01');

    expect(chaz).toEqual({
      source_id: ids.chaz,
      sku: 'MH01',
      title: 'Chaz Kapuzenpulli',
      price: '48.000000',
      stock_qty: '15.500000',
      in_stock: true,
      size_range: 'XS, M',
      color: 'Schwarz, Blau',
      material: 'Baumwolle, Fleece',
      pattern: 'Uni, Gestreift',
      occasion: 'Casual',
      season: 'Herbst',
      image_key: '/m/h/mh01.jpg',
      url_key: 'chaz-hoodie',
      category: 'Men > Tops > Hoodies & Sweatshirts',
      attributes: { gender: 'Herren', eco_collection: 'Yes', climate: ['Cold', 'Windy'] },
      product_created_at: '2024-03-05 10:11:12',
      // This shop has no base URL, gallery or swatches configured: no links, no photos, no swatches.
      final_price: '48.000000',
      images: [],
      image_url: null,
      product_url: null,
      variants: [
        { color: 'Schwarz', swatch: null, image_url: null, sizes: ['XS'], stock_qty: 5.5, final_price: '48.000000' },
        { color: 'Blau', swatch: null, image_url: null, sizes: ['M'], stock_qty: 10, final_price: '52.000000' },
      ],
    });
  });

  it('falls back to the admin scope (store 0) for values the store view does not set', async () => {
    const products = (await fetchAll()).products;
    const tee = bySku(products, 'TEE-1');

    expect(tee).toMatchObject({ title: 'Plain Tee', price: '19.990000', stock_qty: '3.000000', size_range: 'S', color: 'Rot', image_key: null, material: null, attributes: {} });
    // Store 2 sets no values of its own: everything comes from the admin scope. The child disabled
    // on store 1 only (MH01-S-Blue) counts there; MH01 is sold on store 2's website too.
    const admin = bySku((await fetchAll(adapter({ storeId: 2 }))).products, 'MH01');
    expect(admin).toMatchObject({ title: 'Chaz Hoodie', color: 'Black, Blue', material: 'Cotton, Fleece', season: 'Autumn', stock_qty: '18.500000', size_range: 'XS, S, M' });
  });

  it('reads the store view status and category names', async () => {
    const product = bySku((await fetchAll()).products, 'ON-STORE');

    expect(product.category).toBe('Women > Bottoms > Hosen');
  });

  it('picks the deepest category, the lowest id on a tie', async () => {
    expect(bySku((await fetchAll()).products, 'TEE-1').category).toBe('Women > Jackets');
  });

  it('keeps a missing price and image null, prefers a configurable’s own price, and names a nameless product by SKU', async () => {
    const products = (await fetchAll()).products;

    expect(bySku(products, 'NOPRICE')).toMatchObject({ price: null, image_key: null, category: null });
    expect(bySku(products, 'MH03')).toMatchObject({ price: '99.000000', stock_qty: '1.000000' });
    expect(bySku(products, 'NONAME').title).toBe('NONAME');
  });

  it('leaves out a product the shop flagged out of stock, even with quantity, and marks every imported one in stock', async () => {
    const products = (await fetchAll()).products;

    expect(products.map((p) => p.sku)).not.toContain('FLAGGED-OUT');
    expect(products.every((p) => p.in_stock)).toBe(true);
  });

  it("never takes another attribute's option label for a value that is not one of the attribute's own options", async () => {
    const [[size]] = await conn.query<mysql.RowDataPacket[]>(
      `SELECT o.option_id FROM eav_attribute_option o JOIN eav_attribute a ON a.attribute_id = o.attribute_id
        JOIN eav_attribute_option_value v ON v.option_id = o.option_id AND v.store_id = 0 WHERE a.attribute_code = 'size' AND v.value = 'S'`,
    );
    const colorId = `(SELECT attribute_id FROM eav_attribute WHERE attribute_code = 'color' AND entity_type_id = (SELECT entity_type_id FROM eav_entity_type WHERE entity_type_code = 'catalog_product'))`;
    const [[before]] = await conn.query<mysql.RowDataPacket[]>(`SELECT value FROM catalog_product_entity_int WHERE entity_id = ? AND attribute_id = ${colorId} AND store_id = 0`, [ids.tee]);
    await conn.query(`UPDATE catalog_product_entity_int SET value = ? WHERE entity_id = ? AND attribute_id = ${colorId} AND store_id = 0`, [size.option_id, ids.tee]);
    try {
      expect(bySku((await fetchAll()).products, 'TEE-1')).toMatchObject({ color: null, size_range: 'S' });
    } finally {
      await conn.query(`UPDATE catalog_product_entity_int SET value = ? WHERE entity_id = ? AND attribute_id = ${colorId} AND store_id = 0`, [before.value, ids.tee]);
    }
  });

  it("names categories only in the store's own tree, however deep another store's are", async () => {
    // Another store's root (9000) with a deeper branch, holding TEE-1 too.
    await conn.query(
      `INSERT INTO catalog_category_entity (entity_id, attribute_set_id, parent_id, path, position, level, children_count) VALUES
       (9000, 3, 1, '1/9000', 2, 1, 3), (9001, 3, 9000, '1/9000/9001', 1, 2, 2), (9002, 3, 9001, '1/9000/9001/9002', 1, 3, 1), (9003, 3, 9002, '1/9000/9001/9002/9003', 1, 4, 0)`,
    );
    const nameId = '(SELECT attribute_id FROM eav_attribute WHERE attribute_code = \'name\' AND entity_type_id = (SELECT entity_type_id FROM eav_entity_type WHERE entity_type_code = \'catalog_category\'))';
    await conn.query(`INSERT INTO catalog_category_entity_varchar (attribute_id, store_id, entity_id, value) SELECT ${nameId}, 0, id, CONCAT('Outlet ', id) FROM (SELECT 9001 AS id UNION ALL SELECT 9002 UNION ALL SELECT 9003) ids`);
    await conn.query('INSERT INTO catalog_category_product (category_id, product_id, position) VALUES (9003, ?, 0)', [ids.tee]);
    try {
      expect(bySku((await fetchAll()).products, 'TEE-1').category).toBe('Women > Jackets');
    } finally {
      await conn.query('DELETE FROM catalog_category_product WHERE category_id = 9003');
      await conn.query('DELETE FROM catalog_category_entity_varchar WHERE entity_id >= 9000');
      await conn.query('DELETE FROM catalog_category_entity WHERE entity_id >= 9000');
    }
  });

  it('skips a product with an empty SKU and says why', async () => {
    expect((await fetchAll()).skipped).toEqual([{ source_id: ids.emptySku, sku: '', reason: 'Empty SKU' }]);
  });

  it('keeps quotes, emoji and non-Latin text intact, trimming only the SKU', async () => {
    const product = (await fetchAll()).products.find((p) => p.source_id === ids.unicode)!;

    expect(product.sku).toBe(`Q'"-😀-Ж`);
    expect(product.title).toBe(`Пальто "Зима" 😀 '; DROP TABLE products; --`);
  });

  it('includes not-visible products when configured to', async () => {
    const page = await fetchAll(adapter({ includeNotVisible: true }));
    const skus = page.products.map((p) => p.sku);

    expect(skus).toEqual(expect.arrayContaining(['HIDDEN', 'MH01-M-Blue', 'MH01-XS-Black']));
    expect(skus).not.toContain('MH01-L-Red');
  });

  it('reads Multi-Source Inventory salable quantities by SKU when configured to', async () => {
    await conn.query('DELETE FROM inventory_source_item');
    await conn.query(
      `INSERT INTO inventory_source_item (source_code, sku, quantity, status) VALUES
       ('default', 'TEE-1', 2, 1), ('default', 'MH01-M-Blue', 1, 1), ('default', 'MH01-XS-Black', 0, 0)`,
    );

    const products = (await fetchAll(adapter({ stockSource: 'msi' }))).products;

    expect(bySku(products, 'TEE-1')).toMatchObject({ stock_qty: '2.000000', in_stock: true });
    expect(bySku(products, 'MH01')).toMatchObject({ stock_qty: '1.000000', size_range: 'M', price: '52.000000' });
    expect(products.map((p) => p.sku)).not.toContain('NOPRICE');
  });

  it("chooses a job's products by the shop as it is when the job starts, not as the job before found it", async () => {
    const sut = adapter();
    const before = await sut.selectEligibleIds({ afterId: 0, limit: 1000 });
    await conn.query('UPDATE store SET website_id = 2 WHERE store_id = 1');
    try {
      // Only the hoodie and its children are sold on the second website.
      expect(await sut.selectEligibleIds({ afterId: 0, limit: 1000 })).toEqual([ids.chaz]);
    } finally {
      await conn.query('UPDATE store SET website_id = 1 WHERE store_id = 1');
    }
    expect(before).toContain(ids.tee);
    expect(await sut.selectEligibleIds({ afterId: 0, limit: 1000 })).toEqual(before);
  });

  it('pages by source_id without gaps or repeats, and returns nothing past the last id', async () => {
    const all = await fetchAll();
    const seen: number[] = [];
    let afterId = 0;
    for (;;) {
      const page = await readEligible(adapter(), { afterId, limit: 2 });
      if (page.lastSourceId === null) break;
      const pageIds = [...page.products, ...page.skipped].map((p) => p.source_id).sort((a, b) => a - b);
      expect(pageIds.length).toBeLessThanOrEqual(2);
      expect(pageIds[0]).toBeGreaterThan(afterId);
      seen.push(...pageIds);
      afterId = page.lastSourceId;
    }

    expect(seen).toEqual([...all.products, ...all.skipped].map((p) => p.source_id).sort((a, b) => a - b));
    expect(await readEligible(adapter(), { afterId: 1_000_000, limit: 10 })).toEqual({ products: [], skipped: [], lastSourceId: null });
    expect(await adapter().countEligible({ afterId: 0 })).toBe(seen.length);
    expect(await adapter().selectEligibleIds({ afterId: 0, limit: 3 })).toEqual(seen.slice(0, 3));
  });

  it('accounts for a selected product deleted before its chunk is read, as skipped', async () => {
    const [first, second] = await adapter().selectEligibleIds({ afterId: 0, limit: 2 });
    const missing = 9_999_999;

    const page = await adapter().fetchProducts([first, second, missing]);

    expect(page.products.map((p) => p.source_id)).toEqual([first, second]);
    expect(page.skipped).toEqual([{ source_id: missing, sku: '', reason: 'No longer in the catalog' }]);
    expect(page.lastSourceId).toBe(missing);
  });

  it('reads in transactions the server refuses to write in', async () => {
    const statements: string[] = [];
    const original = dataSource.createQueryRunner.bind(dataSource);
    dataSource.createQueryRunner = (...args) => {
      const runner = original(...args);
      const query = runner.query.bind(runner);
      runner.query = ((sql: string, params?: unknown[]) => (statements.push(sql.trim()), query(sql, params))) as typeof runner.query;
      return runner;
    };
    try {
      await fetchAll();
    } finally {
      dataSource.createQueryRunner = original;
    }
    // Each of the adapter's reads (the shop's profile, the ids, the category tree, then the page) opens a read-only transaction first.
    const opened = statements.filter((sql) => sql.startsWith('START TRANSACTION'));
    expect(opened).toEqual(Array(4).fill('START TRANSACTION READ ONLY'));
    expect(statements[0]).toBe('START TRANSACTION READ ONLY');

    const runner = dataSource.createQueryRunner();
    await runner.connect();
    await runner.query('START TRANSACTION READ ONLY');
    await expect(runner.query("UPDATE catalog_product_entity SET sku = 'x' WHERE entity_id = 1")).rejects.toThrow(/READ ONLY/i);
    await runner.query('ROLLBACK');
    await runner.release();
  });
});

describe('MagentoCatalogAdapter on an older shop (multiselect in varchar, no season or occasion)', () => {
  let dbs: TestDatabases;
  let conn: mysql.Connection;
  let dataSource: DataSource;

  beforeAll(async () => {
    dbs = await createTestDatabases('reader_varchar');
    conn = await mysql.createConnection({ uri: dbs.magentoUrl, charset: 'utf8mb4' });
    const shop = await MagentoCatalogBuilder.create(conn, { multiselectBackend: 'varchar', withSeasonAndOccasion: false });
    await shop.product({ sku: 'OLD-1', material: ['Wool', 'Silk'], pattern: ['Checked'], qty: 1, price: 10 });
    dataSource = new DataSource(magentoDataSourceOptions(testConfig(dbs).shopDb));
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await conn.end();
    await dbs.drop();
  });

  it('reads multiselect labels from the varchar table and yields null for attributes the shop lacks', async () => {
    const [product] = (await readEligible(new MagentoCatalogAdapter(dataSource, testConfig(dbs)), { afterId: 0, limit: 10 })).products;

    expect(product).toMatchObject({ sku: 'OLD-1', material: 'Wolle, Seide', pattern: 'Kariert', season: null, occasion: null });
  });
});
