import mysql from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { MagentoCatalogBuilder } from '../../scripts/magento/catalog-builder';
import { AppConfig, StockSource } from '../src/config/app-config';
import { magentoDataSourceOptions } from '../src/database/data-source-options';
import { MagentoCatalogAdapter } from '../src/product-import/adapters/magento/magento-catalog.adapter';
import { ProductRecord } from '../src/product-import/domain/product-record';
import { TestDatabases, createTestDatabases } from './support/test-databases';
import { testConfig } from './support/test-app';

const DAY = 86_400;
const now = () => Math.floor(Date.now() / 1000);

/**
 * One shop holding a case for each rule of "the shop sells it", with legacy stock items and MSI
 * source items side by side, so the same catalog is read in both stock modes. The MSI layout:
 * website base sells stock 2 "EU" (sources eu, eu2 and the disabled eu_old), website second sells
 * stock 3 "US" (source us); the configured out-of-stock threshold is 1. Legacy stock is read with
 * both websites selling from the default stock (onDefaultStock), as on a shop that does not use
 * MSI's stocks: a website selling from another stock is a problem legacy stock refuses.
 */
async function buildShop(shop: MagentoCatalogBuilder, staged: boolean) {
  await shop.msiSource('eu_old', { enabled: false });
  await shop.msiStock(2, 'EU', { sources: ['eu', 'eu2', 'eu_old'], websites: ['base'] });
  await shop.msiStock(3, 'US', { sources: ['us'], websites: ['second'] });
  await shop.config('cataloginventory/item_options/min_qty', '1');
  const items = async (sku: string, ...entries: Array<[string, number, (0 | 1)?]>) => {
    for (const [source, quantity, status] of entries) await shop.msiSourceItem(source, sku, quantity, status ?? 1);
  };
  const simple = async (sku: string, spec: Parameters<MagentoCatalogBuilder['product']>[0] | object, ...msi: Array<[string, number, (0 | 1)?]>) => {
    await shop.product({ sku, price: 10, ...spec });
    await items(sku, ...msi);
  };

  await simple('ON-BASE', { qty: 5 }, ['eu', 5]);
  await simple('ON-BOTH', { qty: 3, websites: [1, 2] }, ['eu', 3], ['us', 4]);
  await simple('ONLY-SECOND', { qty: 9, websites: [2] }, ['us', 10]);
  await simple('NO-WEBSITE', { qty: 5, websites: [] }, ['eu', 5]);
  await simple('FLAG-OFF', { qty: 5, isInStock: 0 }, ['eu', 5]);
  await simple('ZERO-QTY', { qty: 0, isInStock: 1 }, ['eu', 0]);
  await simple('STATUS-ZERO', { qty: 8 }, ['eu', 8, 0]);
  await simple('DISABLED-SOURCE', { qty: 8 }, ['eu_old', 8]);
  await simple('OTHER-STOCK', { qty: 8 }, ['us', 8]);
  await simple('RESERVED-TO-ZERO', { qty: 4 }, ['eu', 4]);
  await shop.reservation(2, 'RESERVED-TO-ZERO', -5);
  await shop.reservation(2, 'RESERVED-TO-ZERO', 2); // a compensation: 4 − 5 + 2 − 1 = 0
  await simple('RESERVED-PARTLY', { qty: 6 }, ['eu', 6]);
  await shop.reservation(2, 'RESERVED-PARTLY', -2);
  await shop.reservation(3, 'RESERVED-PARTLY', -50); // another stock's orders
  await simple('OWN-THRESHOLD', { qty: 5, minQty: 4, useConfigMinQty: 0 }, ['eu', 5]);
  await simple('OWN-THRESHOLD-OUT', { qty: 5, minQty: 5, useConfigMinQty: 0 }, ['eu', 5]);
  await simple('MULTI-SOURCE', { qty: 5 }, ['eu', 2], ['eu2', 3], ['default', 40]);
  await simple('FRACTIONAL', { qty: 5, minQty: 0, useConfigMinQty: 0 }, ['eu', 0.3]);
  await shop.reservation(2, 'FRACTIONAL', -0.2); // 0.1 left, exactly

  const tops = await shop.category(['Women', 'Tops &amp; Tees']);
  await simple('LUMA', { qty: 1, name: '  Lumaflex&trade; Band  ', categories: [tops] }, ['eu', 2]);

  const configurable = async (sku: string, spec: object = {}) => shop.product({ sku, type: 'configurable', price: null, ...spec });
  const child = async (parent: number, sku: string, spec: object, ...msi: Array<[string, number, (0 | 1)?]>) => {
    const id = await shop.child(parent, { sku, price: 30, size: 'M', color: 'Blue', ...spec });
    await items(sku, ...msi);
    return id;
  };
  const cfgWeb = await configurable('CFG-WEB');
  await child(cfgWeb, 'CFG-WEB-A', { qty: 3, size: 'S', price: 31 }, ['eu', 3]);
  await child(cfgWeb, 'CFG-WEB-B', { qty: 7, size: 'XL', price: 5, websites: [2] }, ['eu', 7]);
  const cfgOther = await configurable('CFG-OTHER-WEB');
  await child(cfgOther, 'CFG-OTHER-WEB-C', { qty: 7, websites: [2] }, ['eu', 7]);
  const cfgFlagOff = await configurable('CFG-FLAG-OFF', { isInStock: 0 });
  await child(cfgFlagOff, 'CFG-FLAG-OFF-D', { qty: 4 }, ['eu', 4]);
  const cfgChildFlagOff = await configurable('CFG-CHILD-FLAG-OFF');
  await child(cfgChildFlagOff, 'CFG-CHILD-FLAG-OFF-E', { qty: 5, isInStock: 0 }, ['eu', 5]);
  const cfgA = await configurable('CFG-A');
  const cfgB = await configurable('CFG-B');
  const shared = await child(cfgA, 'SHARED', { qty: 4 }, ['eu', 4]);
  await shop.link(cfgB, shared, { size: 'M', color: 'Blue' });

  if (!staged) return;
  const t = now();
  await simple('STAGED-FUTURE-OFF', {
    qty: 5,
    versions: [
      { updatedIn: t - DAY, name: 'Past name', price: 11 },
      { name: 'Current name', price: 22 },
      { createdIn: t + DAY, status: 2, name: 'Future name', price: 33 },
    ],
  }, ['eu', 5]);
  await simple('STAGED-FUTURE-ON', { qty: 5, versions: [{ status: 2 }, { createdIn: t + DAY, status: 1 }] }, ['eu', 5]);
  await simple('STAGED-NOW-OFF', { qty: 5, versions: [{ updatedIn: t - DAY, status: 1 }, { status: 2 }] }, ['eu', 5]);
  const cfgStaged = await configurable('CFG-STAGED', { versions: [{ updatedIn: t - 3600, name: 'Old style' }, { name: 'New style' }] });
  await child(cfgStaged, 'CFG-STAGED-F', { qty: 2, versions: [{ updatedIn: t - 3600, status: 2 }, { status: 1, price: 44 }] }, ['eu', 2]);
  const renamed = await shop.category(['Sale'], { previously: { name: 'Clearance', until: t - DAY } });
  await simple('STAGED-CATEGORY', { qty: 1, categories: [renamed] }, ['eu', 1]);
}

/** SKU → stock_qty of every product the shop sells on store 1, per stock mode. */
const ON_SALE: Record<StockSource, Record<string, string>> = {
  legacy: {
    'ON-BASE': '5.0000', 'ON-BOTH': '3.0000', 'STATUS-ZERO': '8.0000', 'DISABLED-SOURCE': '8.0000', 'OTHER-STOCK': '8.0000',
    'RESERVED-TO-ZERO': '4.0000', 'RESERVED-PARTLY': '6.0000', 'OWN-THRESHOLD': '5.0000', 'OWN-THRESHOLD-OUT': '5.0000',
    'MULTI-SOURCE': '5.0000', FRACTIONAL: '5.0000', LUMA: '1.0000', 'CFG-WEB': '3.0000', 'CFG-A': '4.0000', 'CFG-B': '4.0000',
  },
  msi: {
    'ON-BASE': '4.0000', 'ON-BOTH': '2.0000', 'FLAG-OFF': '4.0000', 'RESERVED-PARTLY': '3.0000', 'OWN-THRESHOLD': '1.0000',
    'MULTI-SOURCE': '4.0000', FRACTIONAL: '0.1000', LUMA: '1.0000', 'CFG-WEB': '2.0000', 'CFG-FLAG-OFF': '3.0000', 'CFG-CHILD-FLAG-OFF': '4.0000',
    'CFG-A': '3.0000', 'CFG-B': '3.0000',
  },
};
const ON_SALE_STAGED: Record<StockSource, Record<string, string>> = {
  legacy: { 'STAGED-FUTURE-OFF': '5.0000', 'CFG-STAGED': '2.0000', 'STAGED-CATEGORY': '1.0000' },
  msi: { 'STAGED-FUTURE-OFF': '4.0000', 'CFG-STAGED': '1.0000' },
};

const SHAPES = [
  { name: 'Open Source, no table prefix', edition: 'open-source' as const, tablePrefix: '' },
  { name: 'Adobe Commerce (staged), table prefix mg_', edition: 'commerce' as const, tablePrefix: 'mg_' },
];

describe.each(SHAPES)('MagentoCatalogAdapter on $name', ({ edition, tablePrefix }) => {
  const staged = edition === 'commerce';
  let dbs: TestDatabases;
  let conn: mysql.Connection;
  let dataSource: DataSource;
  let config: AppConfig;
  const adapter = (magento: Partial<AppConfig['magento']>) =>
    new MagentoCatalogAdapter(dataSource, { ...config, magento: { ...config.magento, tablePrefix, ...magento } });
  const readAll = async (sut: MagentoCatalogAdapter) => sut.fetchProducts(await sut.selectEligibleIds({ afterId: 0, limit: 1000 }));
  const bySku = (products: ProductRecord[]) => Object.fromEntries(products.map((p) => [p.sku, p]));
  const salesChannels = async (stocks: { base: number; second: number }) => {
    for (const [website, stockId] of Object.entries(stocks)) {
      await conn.query(`UPDATE \`${tablePrefix}inventory_stock_sales_channel\` SET stock_id = ? WHERE type = 'website' AND code = ?`, [stockId, website]);
    }
  };
  const useDefaultStock = () => salesChannels({ base: 1, second: 1 });
  const useMsiStocks = () => salesChannels({ base: 2, second: 3 });
  const onDefaultStock = async <T>(work: () => Promise<T>): Promise<T> => {
    await useDefaultStock();
    try {
      return await work();
    } finally {
      await useMsiStocks();
    }
  };

  beforeAll(async () => {
    dbs = await createTestDatabases(`shape_${edition}`);
    config = testConfig(dbs);
    conn = await mysql.createConnection({ uri: dbs.magentoUrl, charset: 'utf8mb4' });
    const shop = await MagentoCatalogBuilder.create(conn, { edition, tablePrefix, multiselectBackend: 'text', withSeasonAndOccasion: true });
    await buildShop(shop, staged);
    dataSource = new DataSource(magentoDataSourceOptions(config.shopDb));
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await conn?.end();
    await dbs?.drop();
  });

  describe.each(['legacy', 'msi'] as const)('with %s stock', (stockSource) => {
    const expected = { ...ON_SALE[stockSource], ...(staged ? ON_SALE_STAGED[stockSource] : {}) };
    beforeAll(() => (stockSource === 'legacy' ? useDefaultStock() : undefined));
    afterAll(() => (stockSource === 'legacy' ? useMsiStocks() : undefined));

    it('imports exactly what the shop sells on store 1, with its stock quantity, all in stock', async () => {
      const page = await readAll(adapter({ stockSource }));

      expect(page.skipped).toEqual([]);
      expect(Object.fromEntries(page.products.map((p) => [p.sku, p.stock_qty]))).toEqual(expected);
      expect(page.products.every((p) => p.in_stock)).toBe(true);
    });

    it('counts and filters by the same rules as it selects', async () => {
      const sut = adapter({ stockSource });
      const ids = await sut.selectEligibleIds({ afterId: 0, limit: 1000 });
      const [{ maxId }] = await dataSource.query(`SELECT MAX(entity_id) AS maxId FROM \`${tablePrefix}catalog_product_entity\``);
      const everyId = Array.from({ length: Number(maxId) + 3 }, (_, i) => i + 1);

      expect(await sut.countEligible({ afterId: 0 })).toBe(Object.keys(expected).length);
      expect(await sut.filterEligible(everyId)).toEqual(ids);
      expect(await sut.filterEligible(everyId.filter((id) => id % 2 === 0))).toEqual(ids.filter((id) => id % 2 === 0));
    });

    it('rolls a configurable up from the children the shop sells on the website only', async () => {
      const products = bySku((await readAll(adapter({ stockSource }))).products);

      // CFG-WEB-B (XL, price 5) is sold on the second website only: neither its size nor its price counts.
      expect(products['CFG-WEB']).toMatchObject({ size_range: 'S', price: '31.0000' });
      expect(products['CFG-A']).toMatchObject({ size_range: 'M', color: 'Blau' });
      expect(products['CFG-B']).toMatchObject({ size_range: 'M', color: 'Blau' });
    });

    it('reads the second store view’s website and stock', async () => {
      const products = bySku((await readAll(adapter({ stockSource, storeId: 2 }))).products);

      // Legacy stock is one stock for every website; with MSI the second website sells stock 3 (US,
      // threshold 1): ONLY-SECOND 10 − 1, ON-BOTH 4 − 1.
      expect(products['ONLY-SECOND']?.stock_qty).toBe('9.0000');
      expect(products['ON-BOTH']?.stock_qty).toBe('3.0000');
      expect(products['ON-BASE']).toBeUndefined();
      expect(products['NO-WEBSITE']).toBeUndefined();
      expect(products['CFG-WEB']).toBeUndefined(); // assigned to the base website only
    });
  });

  it('shows names, labels and category names as the storefront does', async () => {
    await conn.query(
      `UPDATE \`${tablePrefix}eav_attribute_option_value\` SET value = '  Blau &amp; Wei&szlig; ' WHERE store_id = 1 AND value = 'Blau'`,
    );
    try {
      const products = bySku((await onDefaultStock(() => readAll(adapter({ stockSource: 'legacy' })))).products);

      expect(products.LUMA).toMatchObject({ title: 'Lumaflex™ Band', category: 'Women > Tops & Tees' });
      expect(products['CFG-A'].color).toBe('Blau & Weiß');
    } finally {
      await conn.query(`UPDATE \`${tablePrefix}eav_attribute_option_value\` SET value = 'Blau' WHERE store_id = 1 AND value LIKE '%Blau &amp;%'`);
    }
  });

  if (staged) {
    it('reads a staged product’s live version only: values, children and category names', async () => {
      const products = bySku((await onDefaultStock(() => readAll(adapter({ stockSource: 'legacy' })))).products);

      expect(products['STAGED-FUTURE-OFF']).toMatchObject({ title: 'Current name', price: '22.0000' });
      expect(products['STAGED-FUTURE-ON']).toBeUndefined();
      expect(products['STAGED-NOW-OFF']).toBeUndefined();
      expect(products['CFG-STAGED']).toMatchObject({ title: 'New style', price: '44.0000', size_range: 'M' });
      expect(products['STAGED-CATEGORY'].category).toBe('Sale');
      // One product with several versions is one product: keyed by entity_id everywhere.
      const ids = await onDefaultStock(() => adapter({ stockSource: 'legacy' }).selectEligibleIds({ afterId: 0, limit: 1000 }));
      expect(new Set(ids).size).toBe(ids.length);
    });
  }

  it('names what is wrong with the configuration instead of failing on SQL', async () => {
    await expect(adapter({ tablePrefix: tablePrefix ? '' : 'nope_' }).selectEligibleIds({ afterId: 0, limit: 1 })).rejects.toThrow(
      tablePrefix ? /mg_catalog_product_entity exists: set MAGENTO_TABLE_PREFIX=mg_/ : /catalog_product_entity exists without a prefix: set MAGENTO_TABLE_PREFIX to empty/,
    );
    await expect(adapter({ storeId: 9 }).selectEligibleIds({ afterId: 0, limit: 1 })).rejects.toThrow('MAGENTO_STORE_ID 9 is not a store view of this shop');
  });
});
