import mysql, { type Connection, type RowDataPacket } from 'mysql2/promise';
import { MagentoCatalogBuilder } from '../../scripts/magento/catalog-builder';
import { generateCatalog, type GenerateCatalogOptions, type GenerationSummary } from '../../scripts/magento/catalog-generator';
import { countEligibleProducts } from '../../scripts/magento/eligibility';
import { AWKWARD_PRODUCTS } from '../../scripts/magento/fashion-vocabulary';
import { MAGENTO_TABLES, magentoTables } from '../../scripts/magento/schema';
import { addDays, dateInZone } from '../../scripts/magento/storefront-config';
import { eligibleSourceProducts } from './support/eligible-oracle';
import { createTestDatabases, type TestDatabases } from './support/test-databases';

const PRODUCTS = 5_000;

interface SeededShop {
  databases: TestDatabases;
  conn: Connection;
  summary: GenerationSummary;
}

async function seedShop(suite: string, seed: number, shape: Pick<GenerateCatalogOptions, 'schema' | 'stock' | 'metadata'> = {}): Promise<SeededShop> {
  const databases = await createTestDatabases(suite);
  const conn = await mysql.createConnection({ uri: databases.magentoUrl, charset: 'utf8mb4' });
  const summary = await generateCatalog(conn, { products: PRODUCTS, seed, ...shape });
  return { databases, conn, summary };
}

async function checksums(conn: Connection, tables = MAGENTO_TABLES): Promise<Record<string, string>> {
  const [rows] = await conn.query<RowDataPacket[]>(`CHECKSUM TABLE ${tables.join(', ')}`);
  return Object.fromEntries(rows.map((row) => [String(row.Table).split('.').pop(), String(row.Checksum)]));
}

const count = async (conn: Connection, sql: string, params: unknown[] = []): Promise<number> => {
  const [[row]] = await conn.query<RowDataPacket[]>(sql, params);
  return Number(Object.values(row)[0]);
};

describe('Magento catalog generator', () => {
  let first: SeededShop;
  let sameSeed: SeededShop;
  let otherSeed: SeededShop;

  beforeAll(async () => {
    first = await seedShop('magento-gen-a', 42);
    sameSeed = await seedShop('magento-gen-b', 42);
    otherSeed = await seedShop('magento-gen-c', 43);
  });

  afterAll(async () => {
    for (const shop of [first, sameSeed, otherSeed]) {
      await shop?.conn.end();
      await shop?.databases.drop();
    }
  });

  it('writes exactly the requested number of products', async () => {
    expect(await count(first.conn, 'SELECT COUNT(*) FROM catalog_product_entity')).toBe(PRODUCTS);
    const { configurables, children, standalone } = first.summary;
    expect(configurables + children + standalone).toBe(PRODUCTS);
    expect(configurables).toBeGreaterThan(100);
    expect(children).toBeGreaterThan(configurables * 5);
  });

  it('hits the count exactly for tiny catalogs too', async () => {
    const scratch = await createTestDatabases('magento-gen-tiny');
    const conn = await mysql.createConnection({ uri: scratch.magentoUrl, charset: 'utf8mb4' });
    try {
      for (const products of [1, 2, 17]) {
        await generateCatalog(conn, { products, seed: 7 });
        expect(await count(conn, 'SELECT COUNT(*) FROM catalog_product_entity')).toBe(products);
      }
    } finally {
      await conn.end();
      await scratch.drop();
    }
  });

  it('writes identical rows for the same seed, timestamps and auto-increment ids included', async () => {
    expect(await checksums(sameSeed.conn)).toEqual(await checksums(first.conn));
  });

  it('writes different products for a different seed', async () => {
    const [a, b] = [await checksums(first.conn), await checksums(otherSeed.conn)];
    for (const table of ['catalog_product_entity', 'catalog_product_entity_int', 'catalog_product_entity_varchar', 'cataloginventory_stock_item']) {
      expect(b[table]).not.toEqual(a[table]);
    }
  });

  it('makes about a tenth of the catalog enabled, visible and in stock, as planned', async () => {
    const eligible = await countEligibleProducts(first.conn);
    expect(eligible).toBe(first.summary.plannedEligible);
    expect(eligible / PRODUCTS).toBeGreaterThanOrEqual(0.08);
    expect(eligible / PRODUCTS).toBeLessThanOrEqual(0.13);
  });

  it('stores SKUs with quotes, backslashes, emoji and other scripts unchanged', async () => {
    const skus = AWKWARD_PRODUCTS.map((product) => product.sku);
    const [rows] = await first.conn.query<RowDataPacket[]>('SELECT sku FROM catalog_product_entity WHERE sku IN (?)', [skus]);
    expect(rows.map((row) => row.sku).sort()).toEqual([...skus].sort());
  });

  it("enforces Magento's unique keys", async () => {
    const [[value]] = await first.conn.query<RowDataPacket[]>('SELECT entity_id, attribute_id, store_id FROM catalog_product_entity_int LIMIT 1');
    await expect(
      first.conn.query('INSERT INTO catalog_product_entity_int (entity_id, attribute_id, store_id, value) VALUES (?, ?, ?, 1)', [value.entity_id, value.attribute_id, value.store_id]),
    ).rejects.toMatchObject({ code: 'ER_DUP_ENTRY' });

    const [[stock]] = await first.conn.query<RowDataPacket[]>('SELECT product_id, stock_id FROM cataloginventory_stock_item LIMIT 1');
    await expect(
      first.conn.query('INSERT INTO cataloginventory_stock_item (product_id, stock_id) VALUES (?, ?)', [stock.product_id, stock.stock_id]),
    ).rejects.toMatchObject({ code: 'ER_DUP_ENTRY' });

    await expect(
      first.conn.query("INSERT INTO inventory_source_item (source_code, sku, quantity, status) VALUES ('default', ?, 1, 1)", [AWKWARD_PRODUCTS[0].sku]),
    ).rejects.toMatchObject({ code: 'ER_DUP_ENTRY' });
  });

  it('keeps every child of a configurable invisible and linked both ways', async () => {
    const visibleChildren = await count(
      first.conn,
      `SELECT COUNT(*) FROM catalog_product_super_link l
         JOIN catalog_product_entity_int v ON v.entity_id = l.product_id AND v.store_id = 0
         JOIN eav_attribute a ON a.attribute_id = v.attribute_id AND a.attribute_code = 'visibility'
        WHERE v.value <> 1`,
    );
    expect(visibleChildren).toBe(0);
    const unmatchedLinks = await count(
      first.conn,
      `SELECT COUNT(*) FROM catalog_product_super_link l
         LEFT JOIN catalog_product_relation r ON r.parent_id = l.parent_id AND r.child_id = l.product_id
        WHERE r.parent_id IS NULL`,
    );
    expect(unmatchedLinks).toBe(0);
    expect(await count(first.conn, 'SELECT COUNT(*) FROM catalog_product_super_link')).toBe(first.summary.children);
  });
});

describe('MagentoCatalogBuilder', () => {
  let databases: TestDatabases;
  let conn: Connection;

  beforeAll(async () => {
    databases = await createTestDatabases('magento-builder');
    conn = await mysql.createConnection({ uri: databases.magentoUrl, charset: 'utf8mb4' });
  });

  afterAll(async () => {
    await conn?.end();
    await databases?.drop();
  });

  it('writes a configurable with two children that plain SQL reads back', async () => {
    const shop = await MagentoCatalogBuilder.create(conn, { multiselectBackend: 'varchar', withSeasonAndOccasion: false });
    const hoodies = await shop.category(['Men', 'Tops', 'Hoodies & Sweatshirts'], { storeName: 'Kapuzenpullis' });
    const chaz = await shop.product({
      sku: 'MH01', type: 'configurable', name: 'Chaz Hoodie', storeName: 'Chaz Kapuzenpulli', price: null,
      image: '/m/h/mh01.jpg', urlKey: 'chaz-hoodie', material: ['Cotton', 'Fleece'],
      attributes: { gender: 'Men', eco_collection: true }, categories: [hoodies], createdAt: '2024-01-02 03:04:05',
    });
    await shop.child(chaz, { sku: 'MH01-L-Blue', size: 'L', color: 'Blue', price: 54, qty: 0 });
    await shop.child(chaz, { sku: 'MH01-M-Blue', size: 'M', color: 'Blue', price: 52, qty: 10, storeStatus: 2 });
    await shop.msiSource('default', 'MH01-M-Blue', 10);

    const attribute = (code: string) =>
      `(SELECT a.attribute_id FROM eav_attribute a JOIN eav_entity_type t USING (entity_type_id)
         WHERE t.entity_type_code = 'catalog_product' AND a.attribute_code = '${code}')`;
    const [children] = await conn.query<RowDataPacket[]>(
      `SELECT c.sku, label.value AS size, si.qty, si.is_in_stock, COALESCE(st1.value, st0.value) AS status, vis.value AS visibility,
              price.value AS price, msi.quantity AS msi_quantity
         FROM catalog_product_super_link l
         JOIN catalog_product_relation r ON r.parent_id = l.parent_id AND r.child_id = l.product_id
         JOIN catalog_product_entity c ON c.entity_id = l.product_id
         JOIN catalog_product_entity_int size ON size.entity_id = c.entity_id AND size.store_id = 0 AND size.attribute_id = ${attribute('size')}
         JOIN eav_attribute_option o ON o.option_id = size.value
         JOIN eav_attribute_option_value label ON label.option_id = o.option_id AND label.store_id = 0
         JOIN catalog_product_entity_int st0 ON st0.entity_id = c.entity_id AND st0.store_id = 0 AND st0.attribute_id = ${attribute('status')}
         LEFT JOIN catalog_product_entity_int st1 ON st1.entity_id = c.entity_id AND st1.store_id = 1 AND st1.attribute_id = ${attribute('status')}
         JOIN catalog_product_entity_int vis ON vis.entity_id = c.entity_id AND vis.store_id = 0 AND vis.attribute_id = ${attribute('visibility')}
         JOIN catalog_product_entity_decimal price ON price.entity_id = c.entity_id AND price.store_id = 0 AND price.attribute_id = ${attribute('price')}
         JOIN cataloginventory_stock_item si ON si.product_id = c.entity_id AND si.stock_id = 1
         LEFT JOIN inventory_source_item msi ON msi.sku = c.sku AND msi.source_code = 'default'
        WHERE l.parent_id = ?
        ORDER BY o.sort_order`,
      [chaz],
    );
    expect(children).toEqual([
      { sku: 'MH01-M-Blue', size: 'M', qty: '10.0000', is_in_stock: 1, status: 2, visibility: 1, price: '52.000000', msi_quantity: '10.0000' },
      { sku: 'MH01-L-Blue', size: 'L', qty: '0.0000', is_in_stock: 0, status: 1, visibility: 1, price: '54.000000', msi_quantity: null },
    ]);

    const [[parent]] = await conn.query<RowDataPacket[]>(
      `SELECT p.type_id, DATE_FORMAT(p.created_at, '%Y-%m-%d %H:%i:%s') AS created_at,
              COALESCE(n1.value, n0.value) AS store_name, material.value AS material_ids,
              (SELECT COUNT(*) FROM catalog_product_entity_decimal d WHERE d.entity_id = p.entity_id) AS price_rows,
              (SELECT GROUP_CONCAT(attribute_id ORDER BY position) FROM catalog_product_super_attribute s WHERE s.product_id = p.entity_id) AS varies_on,
              (SELECT COALESCE(c1.value, c0.value) FROM catalog_category_product cp
                 JOIN catalog_category_entity_varchar c0 ON c0.entity_id = cp.category_id AND c0.store_id = 0
                 LEFT JOIN catalog_category_entity_varchar c1 ON c1.entity_id = cp.category_id AND c1.store_id = 1
                WHERE cp.product_id = p.entity_id) AS category
         FROM catalog_product_entity p
         JOIN catalog_product_entity_varchar n0 ON n0.entity_id = p.entity_id AND n0.store_id = 0 AND n0.attribute_id = ${attribute('name')}
         LEFT JOIN catalog_product_entity_varchar n1 ON n1.entity_id = p.entity_id AND n1.store_id = 1 AND n1.attribute_id = ${attribute('name')}
         JOIN catalog_product_entity_varchar material ON material.entity_id = p.entity_id AND material.attribute_id = ${attribute('material')}
        WHERE p.entity_id = ?`,
      [chaz],
    );
    const { size, color, material } = shop.metadata.product;
    expect(parent).toEqual({
      type_id: 'configurable',
      created_at: '2024-01-02 03:04:05',
      store_name: 'Chaz Kapuzenpulli',
      material_ids: `${material.options.Cotton},${material.options.Fleece}`,
      price_rows: 0,
      varies_on: `${size.id},${color.id}`,
      category: 'Kapuzenpullis',
    });
  });

  it('rejects option labels and attributes the shop does not have', async () => {
    // The pair's second database is empty: a scratch shop without season and occasion.
    const scratch = await mysql.createConnection({ uri: databases.lookbookUrl, charset: 'utf8mb4' });
    try {
      const shop = await MagentoCatalogBuilder.create(scratch, { withSeasonAndOccasion: false });
      await expect(shop.product({ sku: 'X1', size: 'XXXL' })).rejects.toThrow('Unknown option "XXXL" for attribute "size"');
      await expect(shop.product({ sku: 'X2', season: 'Winter' })).rejects.toThrow('Attribute "season" does not exist in this shop');
      expect(await count(scratch, 'SELECT COUNT(*) FROM catalog_product_entity')).toBe(0);
    } finally {
      await scratch.end();
    }
  });
});

describe('MagentoCatalogBuilder on Adobe Commerce with a table prefix', () => {
  let databases: TestDatabases;
  let conn: Connection;

  beforeAll(async () => {
    databases = await createTestDatabases('magento-builder-ee');
    conn = await mysql.createConnection({ uri: databases.magentoUrl, charset: 'utf8mb4' });
  });

  afterAll(async () => {
    await conn?.end();
    await databases?.drop();
  });

  it('stages products and categories by row_id, links children to every parent version, keeps entity ids outward', async () => {
    const shop = await MagentoCatalogBuilder.create(conn, { edition: 'commerce', tablePrefix: 'mg_' });
    const [tables] = await conn.query<RowDataPacket[]>('SHOW TABLES');
    const names = tables.map((row) => String(Object.values(row)[0]));
    expect(names.every((name) => name.startsWith('mg_'))).toBe(true);
    expect(names).toEqual(expect.arrayContaining(['mg_sequence_product', 'mg_staging_update', 'mg_catalog_product_website', 'mg_inventory_reservation']));

    const now = Math.floor(Date.now() / 1000);
    const tees = await shop.category(['Men', 'Tops &amp; Tees'], { previously: { name: 'Tees', until: now - 3600 } });
    const style = await shop.product({
      sku: 'MS01', type: 'configurable', name: 'Lumaflex&trade; Tee', categories: [tees],
      versions: [{ updatedIn: now - 86400, name: 'Old Tee' }, {}, { createdIn: now + 86400, status: 2 }],
    });
    const child = await shop.child(style, { sku: 'MS01-M', size: 'M', qty: 5, websites: [1, 2] });
    expect([style, child]).toEqual([1, 2]);

    const [versions] = await conn.query<RowDataPacket[]>(
      `SELECT p.row_id, p.entity_id, p.created_in, p.updated_in, n.value AS name, s.value AS status
         FROM mg_catalog_product_entity p
         JOIN mg_catalog_product_entity_varchar n ON n.row_id = p.row_id AND n.store_id = 0 AND n.attribute_id = ${shop.metadata.product.name.id}
         JOIN mg_catalog_product_entity_int s ON s.row_id = p.row_id AND s.store_id = 0 AND s.attribute_id = ${shop.metadata.product.status.id}
        ORDER BY p.row_id`,
    );
    expect(versions.map((v) => [v.row_id, v.entity_id, Number(v.created_in), Number(v.updated_in), v.name, v.status])).toEqual([
      [1, 1, 1, now - 86400, 'Old Tee', 1],
      [2, 1, now - 86400, now + 86400, 'Lumaflex&trade; Tee', 1],
      [3, 1, now + 86400, 2147483647, 'Lumaflex&trade; Tee', 2],
      [4, 2, 1, 2147483647, 'MS01-M', 1],
    ]);
    expect(await count(conn, 'SELECT COUNT(*) FROM mg_catalog_product_super_link WHERE product_id = 2 AND parent_id IN (1, 2, 3)')).toBe(3);
    expect(await count(conn, 'SELECT COUNT(*) FROM mg_catalog_product_relation WHERE child_id = 2 AND parent_id IN (1, 2, 3)')).toBe(3);
    expect(await count(conn, 'SELECT COUNT(*) FROM mg_catalog_product_super_attribute WHERE product_id IN (1, 2, 3)')).toBe(3);
    expect(await count(conn, 'SELECT COUNT(*) FROM mg_staging_update')).toBe(2);
    expect(await count(conn, 'SELECT COUNT(*) FROM mg_catalog_product_website WHERE product_id = 2')).toBe(2);

    const [category] = await conn.query<RowDataPacket[]>(
      `SELECT c.entity_id, c.created_in, v.value FROM mg_catalog_category_entity c
         JOIN mg_catalog_category_entity_varchar v ON v.row_id = c.row_id AND v.store_id = 0
        WHERE c.entity_id = ? ORDER BY c.created_in`,
      [tees],
    );
    expect(category.map((row) => row.value)).toEqual(['Tees', 'Tops &amp; Tees']);
    expect(await count(conn, 'SELECT COUNT(*) FROM mg_catalog_category_product WHERE category_id = ? AND product_id = ?', [tees, style])).toBe(1);
  });

  it('writes MSI sources, stocks, sales channels, reservations and config values', async () => {
    const shop = await MagentoCatalogBuilder.create(conn, { tablePrefix: 'os_' });
    await shop.config('cataloginventory/item_options/min_qty', 2);
    await shop.msiSource('eu', { enabled: true });
    await shop.msiSource('closed', { enabled: false });
    await shop.msiStock(2, 'EU', { sources: ['eu', 'closed'], websites: ['base'] });
    await shop.product({ sku: 'A', qty: 3, minQty: 1, useConfigMinQty: 0 });
    await shop.msiSourceItem('eu', 'A', 4, 1);
    await shop.msiSource('default', 'A', 3);
    await shop.reservation(2, 'A', -4);

    const [channels] = await conn.query<RowDataPacket[]>('SELECT code, stock_id FROM os_inventory_stock_sales_channel ORDER BY code');
    expect(channels).toEqual([{ code: 'base', stock_id: 2 }]);
    const [sources] = await conn.query<RowDataPacket[]>('SELECT source_code, enabled FROM os_inventory_source ORDER BY source_code');
    expect(sources).toEqual([{ source_code: 'closed', enabled: 0 }, { source_code: 'default', enabled: 1 }, { source_code: 'eu', enabled: 1 }]);
    expect(await count(conn, "SELECT SUM(quantity) FROM os_inventory_reservation WHERE stock_id = 2 AND sku = 'A'")).toBe(-4);
    expect(await count(conn, "SELECT value FROM os_core_config_data WHERE path = 'cataloginventory/item_options/min_qty'")).toBe(2);
    const [[item]] = await conn.query<RowDataPacket[]>('SELECT qty, is_in_stock, min_qty, use_config_min_qty FROM os_cataloginventory_stock_item');
    expect(item).toEqual({ qty: '3.0000', is_in_stock: 1, min_qty: '1.0000', use_config_min_qty: 0 });
    await expect(shop.product({ sku: 'B', versions: [{}] })).rejects.toThrow("versions need edition 'commerce'");
  });
});

describe('Magento catalog generator in the Adobe Commerce + MSI shape, with a table prefix', () => {
  const shape = { schema: { edition: 'commerce', tablePrefix: 'mg_' }, stock: 'msi' } as const;
  const tables = magentoTables(shape.schema).map((name) => `mg_${name}`);
  let first: SeededShop;
  let sameSeed: SeededShop;
  let openSourceTwin: SeededShop;
  const q = (sql: string, params: unknown[] = []) => count(first.conn, sql, params);

  beforeAll(async () => {
    first = await seedShop('magento-gen-ee-a', 42, shape);
    sameSeed = await seedShop('magento-gen-ee-b', 42, shape);
    // The same catalog in Open Source without a prefix: staging draws from its own random stream.
    openSourceTwin = await seedShop('magento-gen-ee-c', 42, { stock: 'msi' });
  });

  afterAll(async () => {
    for (const shop of [first, sameSeed, openSourceTwin]) {
      await shop?.conn.end();
      await shop?.databases.drop();
    }
  });

  it('creates exactly the staged, prefixed tables', async () => {
    const [rows] = await first.conn.query<RowDataPacket[]>('SHOW TABLES');
    expect(rows.map((row) => String(Object.values(row)[0])).sort()).toEqual([...tables].sort());
    const [linkColumns] = await first.conn.query<RowDataPacket[]>(
      `SELECT TABLE_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND COLUMN_NAME = 'row_id' ORDER BY TABLE_NAME`,
    );
    expect(linkColumns.map((row) => row.TABLE_NAME)).toEqual([
      'mg_catalog_category_entity', 'mg_catalog_category_entity_varchar', 'mg_catalog_product_entity', 'mg_catalog_product_entity_datetime',
      'mg_catalog_product_entity_decimal', 'mg_catalog_product_entity_int', 'mg_catalog_product_entity_media_gallery_value',
      'mg_catalog_product_entity_media_gallery_value_to_entity', 'mg_catalog_product_entity_text', 'mg_catalog_product_entity_tier_price',
      'mg_catalog_product_entity_varchar',
    ]);
  });

  it('writes identical rows for the same seed, and the same products as the Open Source shape', async () => {
    expect(await checksums(sameSeed.conn, tables)).toEqual(await checksums(first.conn, tables));
    expect(await q('SELECT COUNT(DISTINCT entity_id) FROM mg_catalog_product_entity')).toBe(PRODUCTS);
    expect(await q('SELECT COUNT(*) FROM mg_sequence_product')).toBe(PRODUCTS);
    const skus = async (conn: Connection, table: string) => {
      const [rows] = await conn.query<RowDataPacket[]>(`SELECT DISTINCT entity_id, sku FROM ${table} ORDER BY entity_id`);
      return rows.map((row) => `${row.entity_id} ${row.sku}`);
    };
    expect(await skus(first.conn, 'mg_catalog_product_entity')).toEqual(await skus(openSourceTwin.conn, 'catalog_product_entity'));
  });

  it('puts as many products on sale as planned, in both editions', async () => {
    expect(await countEligibleProducts(first.conn, { tablePrefix: 'mg_', stockSource: 'msi' })).toBe(first.summary.plannedEligible);
    expect(await countEligibleProducts(openSourceTwin.conn, { stockSource: 'msi' })).toBe(first.summary.plannedEligible);
    expect(openSourceTwin.summary.plannedEligible).toBe(first.summary.plannedEligible);
    expect(first.summary.plannedEligible / PRODUCTS).toBeGreaterThanOrEqual(0.08);
    expect(first.summary.plannedEligible / PRODUCTS).toBeLessThanOrEqual(0.14);
    // The legacy reading of an MSI shop differs: flags switched off, stock only in MSI sources.
    expect(await countEligibleProducts(first.conn, { tablePrefix: 'mg_', stockSource: 'legacy' })).not.toBe(first.summary.plannedEligible);
  });

  it('stages some products with a past applied and a future scheduled version whose values differ', async () => {
    const status = `(SELECT attribute_id FROM mg_eav_attribute WHERE attribute_code = 'status' AND entity_type_id = 4)`;
    const statusAt = (alias: string) => `(SELECT v.value FROM mg_catalog_product_entity_int v WHERE v.row_id = ${alias}.row_id AND v.attribute_id = ${status} AND v.store_id = 0)`;
    const now = 'UNIX_TIMESTAMP()';
    const futureChange = (from: number, to: number) =>
      q(`SELECT COUNT(*) FROM mg_catalog_product_entity cur JOIN mg_catalog_product_entity fut ON fut.entity_id = cur.entity_id AND fut.created_in = cur.updated_in
          WHERE cur.created_in <= ${now} AND ${now} < cur.updated_in AND fut.created_in > ${now} AND ${statusAt('cur')} = ${from} AND ${statusAt('fut')} = ${to}`);
    expect(await futureChange(1, 2)).toBeGreaterThan(5); // on sale now, disabled by a scheduled update
    expect(await futureChange(2, 1)).toBeGreaterThan(5); // disabled now, enabled only by a scheduled update
    expect(await q(`SELECT COUNT(*) FROM mg_catalog_product_entity WHERE updated_in <= ${now}`)).toBeGreaterThan(5); // past versions
    expect(await q('SELECT COUNT(*) FROM (SELECT entity_id FROM mg_catalog_product_entity GROUP BY entity_id HAVING COUNT(*) = 3) t')).toBeGreaterThan(5);
    expect(await q('SELECT COUNT(*) FROM mg_staging_update')).toBe(2);
    // Children hang on every version of their style: a link per parent row.
    expect(await q('SELECT COUNT(*) FROM mg_catalog_product_super_link l LEFT JOIN mg_catalog_product_entity p ON p.row_id = l.parent_id WHERE p.row_id IS NULL')).toBe(0);
    expect(await q(`SELECT COUNT(*) FROM mg_catalog_product_super_link l JOIN mg_catalog_product_entity p ON p.row_id = l.parent_id WHERE p.updated_in <= ${now}`)).toBeGreaterThan(0);
    // A category renamed by the past update keeps its earlier version.
    expect(await q("SELECT COUNT(*) FROM mg_catalog_category_entity c JOIN mg_catalog_category_entity_varchar v ON v.row_id = c.row_id AND v.store_id = 0 WHERE v.value IN ('New In', 'New Arrivals')")).toBe(2);
  });

  it('assigns products to websites, flags some out of stock with units left, and keeps HTML entities', async () => {
    const websites = async (list: string) =>
      q(`SELECT COUNT(*) FROM (SELECT p.entity_id, (SELECT GROUP_CONCAT(website_id ORDER BY website_id) FROM mg_catalog_product_website w WHERE w.product_id = p.entity_id) AS ids
           FROM mg_sequence_product s JOIN mg_catalog_product_entity p ON p.entity_id = s.sequence_value AND p.created_in = 1) t WHERE ${list}`);
    expect(await websites("ids = '1'")).toBeGreaterThan(PRODUCTS * 0.6);
    expect(await websites("ids = '1,2'")).toBeGreaterThan(100);
    expect(await websites("ids = '2'")).toBeGreaterThan(20);
    expect(await websites('ids IS NULL')).toBeGreaterThan(5);
    expect(await q('SELECT COUNT(*) FROM mg_cataloginventory_stock_item WHERE is_in_stock = 0 AND qty > 0')).toBeGreaterThan(20);
    expect(await q("SELECT COUNT(*) FROM mg_catalog_product_entity_varchar WHERE value LIKE '%&trade;%'")).toBeGreaterThan(10);
    expect(await q("SELECT COUNT(*) FROM mg_catalog_category_entity_varchar WHERE value LIKE '%&amp;%'")).toBeGreaterThan(2);
    expect(await q("SELECT COUNT(*) FROM mg_eav_attribute_option_value WHERE value LIKE '%&reg;%' OR value LIKE '%&amp;%'")).toBe(2);
  });

  it('keeps store 1 in one language: German texts only on store 2', async () => {
    expect(await q('SELECT COUNT(*) FROM mg_catalog_category_entity_varchar WHERE store_id = 1')).toBe(0);
    expect(await q('SELECT COUNT(*) FROM mg_eav_attribute_option_value WHERE store_id = 1')).toBe(0);
    const name = "(SELECT attribute_id FROM mg_eav_attribute WHERE attribute_code = 'name' AND entity_type_id = 4)";
    expect(await q(`SELECT COUNT(*) FROM mg_catalog_product_entity_varchar WHERE store_id = 1 AND attribute_id = ${name}`)).toBe(0);
    expect(await q(`SELECT COUNT(*) FROM mg_catalog_product_entity_varchar WHERE store_id = 2 AND attribute_id = ${name}`)).toBeGreaterThan(50);
    expect(await q("SELECT COUNT(*) FROM mg_catalog_category_entity_varchar WHERE store_id = 2 AND value = 'Herren'")).toBe(1);
  });

  it('opens with ordinary products and spreads the awkward ones through the catalog', async () => {
    const [rows] = await openSourceTwin.conn.query<RowDataPacket[]>('SELECT entity_id, sku FROM catalog_product_entity WHERE sku IN (?) ORDER BY entity_id', [AWKWARD_PRODUCTS.map((p) => p.sku)]);
    expect(rows).toHaveLength(AWKWARD_PRODUCTS.length);
    expect(Number(rows[0].entity_id)).toBeGreaterThan(20);
    expect(Number(rows[rows.length - 1].entity_id) - Number(rows[0].entity_id)).toBeGreaterThan(PRODUCTS / 20);
    const [[tee]] = await openSourceTwin.conn.query<RowDataPacket[]>(
      `SELECT GROUP_CONCAT(v.value) AS categories FROM catalog_product_entity p JOIN catalog_category_product cp ON cp.product_id = p.entity_id
         JOIN catalog_category_entity_varchar v ON v.entity_id = cp.category_id AND v.store_id = 0 WHERE p.sku = ?`,
      [AWKWARD_PRODUCTS[0].sku],
    );
    expect(String(tee.categories)).toMatch(/Tees|Tops/);
  });

  it('holds every MSI case: disabled source, the other website\'s source, status 0 with units, reservations to exactly 0, thresholds', async () => {
    expect(await q("SELECT COUNT(*) FROM mg_inventory_source_item i JOIN mg_inventory_source s USING (source_code) WHERE s.enabled = 0 AND i.quantity > 0 AND i.status = 1")).toBeGreaterThan(20);
    expect(await q(
      `SELECT COUNT(*) FROM mg_inventory_source_item i JOIN mg_inventory_source_stock_link k ON k.source_code = i.source_code
         JOIN mg_inventory_stock_sales_channel c ON c.stock_id = k.stock_id AND c.type = 'website' AND c.code = 'second' WHERE i.quantity > 0 AND i.status = 1`,
    )).toBeGreaterThan(20);
    expect(await q("SELECT COUNT(*) FROM mg_inventory_source_item WHERE source_code <> 'default' AND status = 0 AND quantity > 0")).toBeGreaterThan(20);
    expect(await q("SELECT COUNT(*) FROM mg_core_config_data WHERE path = 'cataloginventory/item_options/min_qty' AND value > 0")).toBe(1);
    expect(await q('SELECT COUNT(*) FROM mg_cataloginventory_stock_item WHERE use_config_min_qty = 0 AND min_qty > 0')).toBeGreaterThan(20);
    const reservedToZero = await q(
      `SELECT COUNT(*) FROM (SELECT r.sku, SUM(r.quantity) AS reserved FROM mg_inventory_reservation r WHERE r.stock_id = 2 GROUP BY r.sku) r
         JOIN mg_catalog_product_entity p ON p.sku = r.sku AND p.created_in = 1
         JOIN mg_cataloginventory_stock_item si ON si.product_id = p.entity_id
        WHERE (SELECT SUM(i.quantity) FROM mg_inventory_source_item i JOIN mg_inventory_source s ON s.source_code = i.source_code AND s.enabled = 1
                 JOIN mg_inventory_source_stock_link k ON k.source_code = i.source_code AND k.stock_id = 2 WHERE i.sku = r.sku AND i.status = 1)
              + r.reserved - IF(si.use_config_min_qty = 0, si.min_qty, 1) = 0`,
    );
    expect(reservedToZero).toBeGreaterThan(10);
  });
});

describe('the on-sale oracle, on a hand-built Adobe Commerce shop with a table prefix', () => {
  let databases: TestDatabases;
  let conn: Connection;
  let database: string;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    databases = await createTestDatabases('magento-oracle');
    conn = await mysql.createConnection({ uri: databases.magentoUrl, charset: 'utf8mb4' });
    database = new URL(databases.magentoUrl).pathname.slice(1);
    const shop = await MagentoCatalogBuilder.create(conn, { edition: 'commerce', tablePrefix: 'oc_' });
    await shop.config('cataloginventory/item_options/min_qty', 1);
    await shop.msiSource('eu', { enabled: true });
    await shop.msiSource('closed', { enabled: false });
    await shop.msiStock(2, 'EU', { sources: ['eu', 'closed'], websites: ['base'] });
    await shop.msiStock(3, 'UK', { sources: ['uk'], websites: ['second'] });
    const now = Math.floor(Date.now() / 1000);
    const day = 86_400;

    const simple = async (sku: string, spec: Parameters<typeof shop.product>[0], items: Array<[string, number, 0 | 1]>) => {
      ids[sku] = await shop.product(spec);
      for (const [source, quantity, status] of items) await shop.msiSourceItem(source, spec.sku, quantity, status);
    };
    await simple('OK', { sku: 'OK', qty: 5 }, [['eu', 5, 1]]);
    await simple('FLAGGED-OUT', { sku: 'FLAGGED-OUT', qty: 5, isInStock: 0 }, [['eu', 5, 1]]);
    await simple('OTHER-WEBSITE', { sku: 'OTHER-WEBSITE', qty: 5, websites: [2] }, [['eu', 5, 1]]);
    await simple('NO-WEBSITE', { sku: 'NO-WEBSITE', qty: 5, websites: [] }, [['eu', 5, 1]]);
    await simple('RESERVED-TO-ZERO', { sku: 'RESERVED-TO-ZERO', qty: 3 }, [['eu', 4, 1]]);
    await shop.reservation(2, 'RESERVED-TO-ZERO', -3);
    await shop.reservation(3, 'OK', -100); // another stock's reservation changes nothing here
    await simple('STATUS-0', { sku: 'STATUS-0', qty: 2 }, [['eu', 6, 0]]);
    await simple('CLOSED-SOURCE', { sku: 'CLOSED-SOURCE', qty: 0 }, [['closed', 9, 1]]);
    await simple('UK-ONLY', { sku: 'UK-ONLY', qty: 0 }, [['uk', 9, 1]]);
    await simple('OWN-THRESHOLD', { sku: 'OWN-THRESHOLD', qty: 3, minQty: 3, useConfigMinQty: 0 }, [['eu', 3, 1]]);
    await simple('NO-THRESHOLD', { sku: 'NO-THRESHOLD', qty: 1, minQty: 0, useConfigMinQty: 0 }, [['eu', 1, 1]]);
    await simple('INVISIBLE', { sku: 'INVISIBLE', qty: 5, visibility: 1 }, [['eu', 5, 1]]);
    await simple('FUTURE-DISABLED', { sku: 'FUTURE-DISABLED', qty: 5, versions: [{}, { createdIn: now + day, status: 2 }] }, [['eu', 5, 1]]);
    await simple('FUTURE-ENABLED', { sku: 'FUTURE-ENABLED', qty: 5, status: 2, versions: [{}, { createdIn: now + day, status: 1 }] }, [['eu', 5, 1]]);
    await simple('PAST-ENABLED', { sku: 'PAST-ENABLED', qty: 5, status: 2, versions: [{ updatedIn: now - day, status: 1 }, {}] }, [['eu', 5, 1]]);

    ids['CONF'] = await shop.product({ sku: 'CONF', type: 'configurable', versions: [{ updatedIn: now - day, name: 'Old' }, {}, { createdIn: now + day }] });
    const counted = await shop.child(ids['CONF'], { sku: 'CONF-M', size: 'M', qty: 4 });
    await shop.msiSourceItem('eu', 'CONF-M', 4, 1);
    await shop.child(ids['CONF'], { sku: 'CONF-L', size: 'L', qty: 2, websites: [2] });
    await shop.msiSourceItem('eu', 'CONF-L', 2, 1);
    await shop.child(ids['CONF'], { sku: 'CONF-S', size: 'S', qty: 9, status: 2 });
    await shop.msiSourceItem('eu', 'CONF-S', 9, 1);
    ids['CONF-FLAGGED-OUT'] = await shop.product({ sku: 'CONF-FLAGGED-OUT', type: 'configurable', isInStock: 0 });
    await shop.child(ids['CONF-FLAGGED-OUT'], { sku: 'CFO-M', size: 'M', qty: 4 });
    await shop.msiSourceItem('eu', 'CFO-M', 4, 1);
    ids['CONF-ELSEWHERE'] = await shop.product({ sku: 'CONF-ELSEWHERE', type: 'configurable' });
    await shop.child(ids['CONF-ELSEWHERE'], { sku: 'CE-M', size: 'M', qty: 4, websites: [2] });
    await shop.msiSourceItem('eu', 'CE-M', 4, 1);
    ids['SHARES-CHILD'] = await shop.product({ sku: 'SHARES-CHILD', type: 'configurable' });
    await shop.link(ids['SHARES-CHILD'], counted, { size: 'M' });
  });

  afterAll(async () => {
    await conn?.end();
    await databases?.drop();
  });

  const onSale = async (options: Parameters<typeof eligibleSourceProducts>[2]) => {
    const products = await eligibleSourceProducts(databases.admin, database, { tablePrefix: 'oc_', ...options });
    const skuOf = Object.fromEntries(Object.entries(ids).map(([sku, id]) => [id, sku]));
    return Object.fromEntries(products.map((p) => [skuOf[p.id], p.stockQty]));
  };

  it('legacy stock: the website, the shop\'s flag, qty, the version in force; configurables by their counted children', async () => {
    expect(await onSale({ stockSource: 'legacy' })).toEqual({
      OK: 5, 'RESERVED-TO-ZERO': 3, 'STATUS-0': 2, 'OWN-THRESHOLD': 3, 'NO-THRESHOLD': 1, 'FUTURE-DISABLED': 5, CONF: 4, 'SHARES-CHILD': 4,
    });
  });

  it('MSI: salable quantity of the website\'s stock, reservations and thresholds; the legacy flag is not consulted', async () => {
    expect(await onSale({ stockSource: 'msi' })).toEqual({
      OK: 4, 'FLAGGED-OUT': 4, 'NO-THRESHOLD': 1, 'FUTURE-DISABLED': 4, CONF: 3, 'CONF-FLAGGED-OUT': 3, 'SHARES-CHILD': 3,
    });
  });

  it('takes the store\'s website and its stock, and not-visible products on request', async () => {
    expect(Object.keys(await onSale({ stockSource: 'legacy', storeId: 2 })).sort()).toEqual(['OTHER-WEBSITE']);
    // Website second sells stock UK, where only UK-ONLY has units, and UK-ONLY is not on website second.
    expect(await onSale({ stockSource: 'msi', storeId: 2 })).toEqual({});
    expect(Object.keys(await onSale({ stockSource: 'legacy', includeNotVisible: true }))).toContain('INVISIBLE');
  });

  it('takes a threshold of 0 without core_config_data, and reads legacy stock without the MSI tables', async () => {
    await conn.query('DROP TABLE oc_core_config_data');
    expect(await onSale({ stockSource: 'msi' })).toEqual({
      OK: 5, 'FLAGGED-OUT': 5, 'RESERVED-TO-ZERO': 1, 'NO-THRESHOLD': 1, 'FUTURE-DISABLED': 5, CONF: 4, 'CONF-FLAGGED-OUT': 4, 'SHARES-CHILD': 4,
    });
    await conn.query('DROP TABLE oc_inventory_stock_sales_channel, oc_inventory_source_item, oc_inventory_reservation');
    expect(Object.keys(await onSale({ stockSource: 'legacy' }))).toHaveLength(8);
    expect(await onSale({ stockSource: 'msi' })).toEqual({});
  });
});

describe('Magento catalog generator with the Luma-like attribute load', () => {
  let rich: SeededShop;
  let plain: SeededShop;

  beforeAll(async () => {
    rich = await seedShop('magento-gen-rich', 42, { metadata: { richAttributes: true } });
    plain = await seedShop('magento-gen-plain', 42);
  });

  afterAll(async () => {
    for (const shop of [rich, plain]) {
      await shop?.conn.end();
      await shop?.databases.drop();
    }
  });

  it('gives visible products a dozen or more labelled attributes, multiselects with several values', async () => {
    const labelled = `SELECT attribute_id FROM eav_attribute WHERE entity_type_id = 4 AND frontend_input IN ('select', 'multiselect', 'boolean')
                        AND attribute_code NOT IN ('status', 'visibility')`;
    const perProduct = await count(
      rich.conn,
      `SELECT AVG(n) FROM (SELECT v.entity_id, COUNT(*) AS n FROM (
          SELECT entity_id, attribute_id FROM catalog_product_entity_int WHERE store_id = 0 AND attribute_id IN (${labelled})
          UNION ALL SELECT entity_id, attribute_id FROM catalog_product_entity_text WHERE store_id = 0 AND attribute_id IN (${labelled})) v
         JOIN catalog_product_entity_int vis ON vis.entity_id = v.entity_id AND vis.store_id = 0 AND vis.value <> 1
          AND vis.attribute_id = (SELECT attribute_id FROM eav_attribute WHERE entity_type_id = 4 AND attribute_code = 'visibility')
        GROUP BY v.entity_id) t`,
    );
    expect(perProduct).toBeGreaterThanOrEqual(12);
    expect(await count(rich.conn, "SELECT COUNT(*) FROM catalog_product_entity_text WHERE value LIKE '%,%,%'")).toBeGreaterThan(1000);
  });

  it('holds the same products, and as many on sale, as the catalog without it', async () => {
    const tables = ['catalog_product_entity', 'cataloginventory_stock_item', 'catalog_product_website', 'catalog_product_super_link'];
    expect(await checksums(rich.conn, tables)).toEqual(await checksums(plain.conn, tables));
    expect(await countEligibleProducts(rich.conn)).toBe(plain.summary.plannedEligible);
  });
});

/** The storefront tables of issue 20 and the cases each must hold, on a generated shop of every shape. */
describe.each([
  { name: 'Open Source, legacy stock', schema: { edition: 'open-source', tablePrefix: '' }, stock: 'legacy' },
  { name: 'Open Source, MSI, table prefix', schema: { edition: 'open-source', tablePrefix: 'os_' }, stock: 'msi' },
  { name: 'Adobe Commerce, legacy stock', schema: { edition: 'commerce', tablePrefix: '' }, stock: 'legacy' },
  { name: 'Adobe Commerce, MSI, table prefix', schema: { edition: 'commerce', tablePrefix: 'mg_' }, stock: 'msi' },
] as const)('The generator\'s storefront rows on $name', ({ schema, stock }) => {
  const prefix = schema.tablePrefix;
  const link = schema.edition === 'commerce' ? 'row_id' : 'entity_id';
  const t = (name: string) => `\`${prefix}${name}\``;
  let shop: SeededShop;
  let today: string;
  const q = (sql: string) => count(shop.conn, sql);
  const attribute = (code: string) => `(SELECT attribute_id FROM ${t('eav_attribute')} WHERE attribute_code = '${code}' AND entity_type_id = 4)`;
  const day = (offset: number) => addDays(today, offset);

  beforeAll(async () => {
    shop = await seedShop(`magento-gen-sf-${schema.edition}-${stock}`, 5, { schema, stock });
    const [[tz]] = await shop.conn.query<RowDataPacket[]>(
      `SELECT value FROM ${t('core_config_data')} WHERE path = 'general/locale/timezone' AND scope = 'websites' AND scope_id = 1`,
    );
    today = dateInZone(new Date(), String(tz.value));
  });
  afterAll(async () => {
    await shop?.conn.end();
    await shop?.databases.drop();
  });

  it('creates the gallery, tier price, rule price, URL rewrite and swatch tables, keyed as the edition keys them', async () => {
    const [rows] = await shop.conn.query<RowDataPacket[]>(
      `SELECT TABLE_NAME AS name, GROUP_CONCAT(COLUMN_NAME ORDER BY COLUMN_NAME) AS columns FROM information_schema.COLUMNS
        WHERE TABLE_SCHEMA = DATABASE() AND COLUMN_NAME IN ('row_id', 'entity_id', 'product_id') GROUP BY TABLE_NAME`,
    );
    const keys = Object.fromEntries(rows.map((row) => [row.name, row.columns]));
    expect(keys).toMatchObject({
      [`${prefix}catalog_product_entity_media_gallery_value`]: link,
      [`${prefix}catalog_product_entity_media_gallery_value_to_entity`]: link,
      [`${prefix}catalog_product_entity_tier_price`]: link,
      [`${prefix}catalogrule_product_price`]: 'product_id',
      [`${prefix}url_rewrite`]: 'entity_id',
    });
    expect(await q(`SELECT COUNT(*) FROM ${t('catalog_product_entity_media_gallery')}`)).toBeGreaterThan(1000);
    expect(await q(`SELECT COUNT(*) FROM ${t('eav_attribute_option_swatch')}`)).toBeGreaterThan(10);
  });

  it('writes galleries with store overrides, hidden images, videos and no_selection roles', async () => {
    const values = t('catalog_product_entity_media_gallery_value');
    const store1OverAdmin = (where: string) =>
      q(`SELECT COUNT(*) FROM ${values} s JOIN ${values} a ON a.value_id = s.value_id AND a.${link} = s.${link} AND a.store_id = 0 WHERE s.store_id = 1 AND ${where}`);
    expect(await q(`SELECT COUNT(*) FROM ${t('catalog_product_entity_media_gallery')} WHERE media_type = 'external-video'`)).toBeGreaterThan(10);
    expect(await q(`SELECT COUNT(*) FROM ${t('catalog_product_entity_media_gallery')} WHERE disabled = 1`)).toBeGreaterThan(5);
    expect(await q(`SELECT COUNT(*) FROM ${values} WHERE store_id = 0 AND disabled = 1`)).toBeGreaterThan(20);
    expect(await q(`SELECT COUNT(*) FROM ${values} WHERE store_id = 0 AND position IS NULL`)).toBeGreaterThan(20);
    expect(await store1OverAdmin("s.label = 'Front view' AND NOT (a.label <=> s.label)")).toBeGreaterThan(20);
    expect(await store1OverAdmin('s.disabled = 1 AND a.disabled = 0')).toBeGreaterThan(10); // hidden in store 1 only
    expect(await store1OverAdmin('s.disabled = 0 AND a.disabled = 1')).toBeGreaterThan(0); // shown in store 1 only
    expect(await store1OverAdmin('s.position IS NOT NULL AND NOT (a.position <=> s.position)')).toBeGreaterThan(10);
    expect(await store1OverAdmin('s.label IS NULL AND a.label IS NOT NULL')).toBeGreaterThan(10); // a NULL field falls back
    expect(await q(`SELECT COUNT(*) FROM ${values} WHERE store_id = 2`)).toBeGreaterThan(10);
    for (const role of ['image', 'small_image', 'thumbnail', 'swatch_image']) {
      expect(await q(`SELECT COUNT(*) FROM ${t('catalog_product_entity_varchar')} WHERE attribute_id = ${attribute(role)} AND value = 'no_selection'`)).toBeGreaterThan(10);
    }
    expect(await q(`SELECT COUNT(*) FROM ${t('catalog_product_entity_varchar')} WHERE attribute_id = ${attribute('image')} AND store_id = 1`)).toBeGreaterThan(10);
    // Products with photos but no base image, and base images that are hidden.
    expect(await q(
      `SELECT COUNT(DISTINCT l.${link}) FROM ${t('catalog_product_entity_media_gallery_value_to_entity')} l
        WHERE NOT EXISTS (SELECT 1 FROM ${t('catalog_product_entity_varchar')} v WHERE v.${link} = l.${link} AND v.attribute_id = ${attribute('image')} AND v.value <> 'no_selection')`,
    )).toBeGreaterThan(10);
    if (link === 'row_id') expect(await q(`SELECT COUNT(*) FROM ${values} WHERE label LIKE '%(other version)'`)).toBeGreaterThan(10);
  });

  it('writes sale prices whose window is open, closed, opens today or tomorrow, ends today or yesterday, or has no dates', async () => {
    const datetime = t('catalog_product_entity_datetime');
    const onDay = (code: string, offset: number) => q(`SELECT COUNT(*) FROM ${datetime} WHERE attribute_id = ${attribute(code)} AND value = '${day(offset)} 00:00:00'`);
    expect(await onDay('special_from_date', 0)).toBeGreaterThan(5);
    expect(await onDay('special_from_date', 1)).toBeGreaterThan(5);
    expect(await onDay('special_to_date', 0)).toBeGreaterThan(5);
    expect(await onDay('special_to_date', -1)).toBeGreaterThan(5);
    expect(await q(`SELECT COUNT(*) FROM ${datetime} WHERE attribute_id = ${attribute('special_to_date')} AND value < '${day(-1)}'`)).toBeGreaterThan(5);
    const decimal = t('catalog_product_entity_decimal');
    expect(await q(
      `SELECT COUNT(*) FROM ${decimal} s WHERE s.attribute_id = ${attribute('special_price')} AND s.store_id = 0
          AND NOT EXISTS (SELECT 1 FROM ${datetime} d WHERE d.${link} = s.${link} AND d.attribute_id IN (${attribute('special_from_date')}, ${attribute('special_to_date')}))`,
    )).toBeGreaterThan(5);
    expect(await q(`SELECT COUNT(*) FROM ${decimal} WHERE attribute_id = ${attribute('special_price')} AND store_id = 1`)).toBeGreaterThan(5);
    // The store's date is not the UTC date: a reader in UTC puts these windows a day off.
    expect(today).not.toBe(new Date().toISOString().slice(0, 10));
  });

  it('writes tier prices for guests, all groups, another group, qty > 1, percentages and another website', async () => {
    const tiers = (where: string) => q(`SELECT COUNT(*) FROM ${t('catalog_product_entity_tier_price')} WHERE ${where}`);
    expect(await tiers('all_groups = 1 AND qty = 1 AND website_id = 0 AND percentage_value IS NULL')).toBeGreaterThan(10);
    expect(await tiers('all_groups = 0 AND customer_group_id = 0 AND website_id = 1')).toBeGreaterThan(10);
    expect(await tiers('all_groups = 0 AND customer_group_id = 1')).toBeGreaterThan(10);
    expect(await tiers('qty > 1')).toBeGreaterThan(10);
    expect(await tiers('percentage_value IS NOT NULL')).toBeGreaterThan(10);
    expect(await tiers('website_id = 2')).toBeGreaterThan(10);
  });

  it('writes catalog rule prices for yesterday, today and tomorrow, for guests and another group, on both websites', async () => {
    const rules = (where: string) => q(`SELECT COUNT(*) FROM ${t('catalogrule_product_price')} WHERE ${where}`);
    for (const offset of [-1, 0, 1]) expect(await rules(`rule_date = '${day(offset)}' AND customer_group_id = 0 AND website_id = 1`)).toBeGreaterThan(10);
    expect(await rules('customer_group_id = 1')).toBeGreaterThan(5);
    expect(await rules('website_id = 2')).toBeGreaterThan(5);
  });

  it('writes URL rewrites with and without category paths, 301 redirects, category rows, and visible products without one', async () => {
    const rewrites = (where: string) => q(`SELECT COUNT(*) FROM ${t('url_rewrite')} WHERE ${where}`);
    expect(await rewrites("entity_type = 'product' AND redirect_type = 0 AND metadata IS NULL AND store_id = 1")).toBeGreaterThan(100);
    expect(await rewrites("entity_type = 'product' AND metadata LIKE '{\"category_id\":%'")).toBeGreaterThan(100);
    expect(await rewrites("entity_type = 'product' AND redirect_type = 301")).toBeGreaterThan(20);
    expect(await rewrites("entity_type = 'product' AND store_id = 2")).toBeGreaterThan(20);
    expect(await rewrites("entity_type = 'category'")).toBeGreaterThan(10);
    expect(await q(
      `SELECT COUNT(*) FROM (SELECT entity_id FROM ${t('url_rewrite')} WHERE entity_type = 'product' AND store_id = 1 AND redirect_type = 0 AND metadata IS NULL
          GROUP BY entity_id HAVING COUNT(*) > 1) twice`,
    )).toBeGreaterThan(5);
    expect(await q(
      `SELECT COUNT(DISTINCT p.entity_id) FROM ${t('catalog_product_entity')} p JOIN ${t('catalog_product_entity_int')} v ON v.${link} = p.${link}
          AND v.attribute_id = ${attribute('visibility')} AND v.store_id = 0 AND v.value <> 1
        WHERE NOT EXISTS (SELECT 1 FROM ${t('url_rewrite')} r WHERE r.entity_type = 'product' AND r.entity_id = p.entity_id AND r.redirect_type = 0 AND r.metadata IS NULL)`,
    )).toBeGreaterThan(50);
  });

  it('writes hex, image and text swatches (a store row over the admin row), base URLs per scope and timezones', async () => {
    const swatches = (where: string) => q(`SELECT COUNT(*) FROM ${t('eav_attribute_option_swatch')} WHERE ${where}`);
    for (const type of [0, 1, 2]) expect(await swatches(`type = ${type} AND store_id = 0`)).toBeGreaterThan(0);
    expect(await swatches("type = 1 AND store_id = 1 AND value = '#1857f7'")).toBe(1);
    const [config] = await shop.conn.query<RowDataPacket[]>(`SELECT scope, scope_id, path, value FROM ${t('core_config_data')} ORDER BY config_id`);
    const paths = config.map((row) => `${row.scope}/${row.scope_id} ${row.path}=${row.value}`);
    expect(paths).toEqual(expect.arrayContaining([
      'default/0 web/secure/base_link_url={{secure_base_url}}',
      'default/0 web/url/use_store=1',
      'default/0 catalog/seo/product_url_suffix=.html',
      'websites/2 web/seo/use_rewrites=0',
      'stores/2 web/secure/use_in_frontend=0',
      'stores/2 web/unsecure/base_link_url={{base_url}}',
      expect.stringMatching(/^websites\/1 general\/locale\/timezone=Pacific\//),
      expect.stringMatching(/^stores\/2 general\/locale\/timezone=Pacific\//),
    ]));
  });
});
