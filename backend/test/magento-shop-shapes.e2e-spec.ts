import mysql from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { MagentoCatalogBuilder } from '../../scripts/magento/catalog-builder';
import { addDays, dateInZone } from '../../scripts/magento/storefront-config';
import type { GalleryValue } from '../../scripts/magento/storefront-model';
import { StorefrontOracle, type ExpectedStorefront } from '../../scripts/magento/storefront-oracle';
import { AppConfig, StockSource } from '../src/config/app-config';
import { magentoDataSourceOptions } from '../src/database/data-source-options';
import { MagentoCatalogAdapter } from '../src/product-import/adapters/magento/magento-catalog.adapter';
import { ProductRecord } from '../src/product-import/domain/product-record';
import { eligibleSourceProducts } from './support/eligible-oracle';
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
    'ON-BASE': '5.000000', 'ON-BOTH': '3.000000', 'STATUS-ZERO': '8.000000', 'DISABLED-SOURCE': '8.000000', 'OTHER-STOCK': '8.000000',
    'RESERVED-TO-ZERO': '4.000000', 'RESERVED-PARTLY': '6.000000', 'OWN-THRESHOLD': '5.000000', 'OWN-THRESHOLD-OUT': '5.000000',
    'MULTI-SOURCE': '5.000000', FRACTIONAL: '5.000000', LUMA: '1.000000', 'CFG-WEB': '3.000000', 'CFG-A': '4.000000', 'CFG-B': '4.000000',
  },
  msi: {
    'ON-BASE': '4.000000', 'ON-BOTH': '2.000000', 'FLAG-OFF': '4.000000', 'RESERVED-PARTLY': '3.000000', 'OWN-THRESHOLD': '1.000000',
    'MULTI-SOURCE': '4.000000', FRACTIONAL: '0.100000', LUMA: '1.000000', 'CFG-WEB': '2.000000', 'CFG-FLAG-OFF': '3.000000', 'CFG-CHILD-FLAG-OFF': '4.000000',
    'CFG-A': '3.000000', 'CFG-B': '3.000000',
  },
};
const ON_SALE_STAGED: Record<StockSource, Record<string, string>> = {
  legacy: { 'STAGED-FUTURE-OFF': '5.000000', 'CFG-STAGED': '2.000000', 'STAGED-CATEGORY': '1.000000' },
  msi: { 'STAGED-FUTURE-OFF': '4.000000', 'CFG-STAGED': '1.000000' },
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
      expect(products['CFG-WEB']).toMatchObject({ size_range: 'S', price: '31.000000' });
      expect(products['CFG-A']).toMatchObject({ size_range: 'M', color: 'Blau' });
      expect(products['CFG-B']).toMatchObject({ size_range: 'M', color: 'Blau' });
    });

    it('reads the second store view’s website and stock', async () => {
      const products = bySku((await readAll(adapter({ stockSource, storeId: 2 }))).products);

      // Legacy stock is one stock for every website; with MSI the second website sells stock 3 (US,
      // threshold 1): ONLY-SECOND 10 − 1, ON-BOTH 4 − 1.
      expect(products['ONLY-SECOND']?.stock_qty).toBe('9.000000');
      expect(products['ON-BOTH']?.stock_qty).toBe('3.000000');
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

      expect(products['STAGED-FUTURE-OFF']).toMatchObject({ title: 'Current name', price: '22.000000' });
      expect(products['STAGED-FUTURE-ON']).toBeUndefined();
      expect(products['STAGED-NOW-OFF']).toBeUndefined();
      expect(products['CFG-STAGED']).toMatchObject({ title: 'New style', price: '44.000000', size_range: 'M' });
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

/**
 * The storefront fields on a small hand-built shop of each edition, read by the adapter: hand-checked
 * values for the rules' edges (a sale ending today in a timezone ahead of UTC, a percentage that
 * rounds half up, rule dates, gallery ties and fallbacks, several rewrites, a configurable's colours),
 * and the storefront oracle agreeing with the adapter on every product.
 */
describe.each(SHAPES)('Storefront fields on a hand-built $name shop', ({ edition, tablePrefix }) => {
  let dbs: TestDatabases;
  let conn: mysql.Connection;
  let dataSource: DataSource;
  let config: AppConfig;
  let shop: MagentoCatalogBuilder;
  const ids: Record<string, number> = {};
  const today = dateInZone(new Date(), 'Asia/Tokyo');
  const image = (file: string, values: GalleryValue[], mediaType: 'image' | 'external-video' = 'image') => ({ file, mediaType, disabled: 0 as const, values });
  const admin = (label: string | null, position: number | null, disabled: 0 | 1 = 0): GalleryValue => ({ storeId: 0, label, position, disabled });
  const store1 = (label: string | null, position: number | null, disabled: 0 | 1 = 0): GalleryValue => ({ storeId: 1, label, position, disabled });

  beforeAll(async () => {
    dbs = await createTestDatabases(`storefront_${edition}`);
    config = testConfig(dbs);
    conn = await mysql.createConnection({ uri: dbs.magentoUrl, charset: 'utf8mb4' });
    shop = await MagentoCatalogBuilder.create(conn, { edition, tablePrefix });
    await shop.config('web/secure/base_url', 'https://shop.test/');
    await shop.config('web/unsecure/base_url', 'http://shop.test/');
    await shop.config('web/secure/use_in_frontend', '1');
    await shop.config('web/secure/base_link_url', '{{secure_base_url}}');
    await shop.config('web/secure/base_media_url', 'https://cdn.shop.test/m/', 'stores', 1);
    await shop.config('general/locale/timezone', 'Asia/Tokyo', 'websites', 1);
    await shop.swatch('color', 'Blue', 0, 1, '#0000ff');
    await shop.swatch('color', 'Blue', 1, 1, '#1857f7');
    await shop.swatch('color', 'Black', 0, 0, 'BK');
    const day = (offset: number) => `${addDays(today, offset)} 00:00:00`;
    const target = 'catalog/product/view/id/0';

    ids.SALE = await shop.product({ sku: 'SALE', price: 40, urlKey: 'sale', attributes: { special_price: 30, special_from_date: day(-3), special_to_date: day(0) } });
    ids.SALE_TOMORROW = await shop.product({ sku: 'SALE_TOMORROW', price: 40, urlKey: 'later', attributes: { special_price: 30, special_from_date: day(1) } });
    ids.TIERS = await shop.product({
      sku: 'TIERS', price: 10.01, tierPrices: [
        { allGroups: 1, customerGroupId: 0, qty: 1, value: 0, websiteId: 0, percentageValue: 12.5 },
        { allGroups: 0, customerGroupId: 1, qty: 1, value: 5, websiteId: 0, percentageValue: null },
        { allGroups: 1, customerGroupId: 0, qty: 2, value: 4, websiteId: 0, percentageValue: null },
        { allGroups: 1, customerGroupId: 0, qty: 1, value: 3, websiteId: 2, percentageValue: null },
      ],
    });
    ids.RULES = await shop.product({
      sku: 'RULES', price: 20, rulePrices: [
        { ruleDate: addDays(today, -1), customerGroupId: 0, websiteId: 1, price: 5 },
        { ruleDate: today, customerGroupId: 0, websiteId: 1, price: 15 },
        { ruleDate: addDays(today, 1), customerGroupId: 0, websiteId: 1, price: 4 },
        { ruleDate: today, customerGroupId: 1, websiteId: 1, price: 3 },
      ],
    });
    ids.GALLERY = await shop.product({
      sku: 'GALLERY', price: 9, image: '/g/a/hidden.jpg', attributes: { swatch_image: '/g/a/b.jpg', thumbnail: 'no_selection' },
      gallery: [
        image('/g/a/hidden.jpg', [admin('Hidden', 1), store1(null, null, 1)]),
        image('/g/a/b.jpg', [admin('B', 2), store1('B in store', null)]),
        image('/g/a/a.jpg', [admin('A', 2), store1(null, 2)]),
        image('/g/a/unplaced.jpg', [admin('Unplaced', null)]),
        image('/g/a/shown-in-store.jpg', [admin('Off', 3, 1), store1(null, null, 0)]),
        image('/g/a/video.jpg', [admin('Video', 0)], 'external-video'),
      ],
    });
    ids.REWRITES = await shop.product({
      sku: 'REWRITES', price: 9, urlKey: 'rewritten', categories: [await shop.category(['Women'])], urlRewrites: [
        { storeId: 1, requestPath: 'women/rewritten.html', targetPath: target, redirectType: 0, metadata: '{"category_id":"3"}' },
        { storeId: 1, requestPath: 'first-own.html', targetPath: target, redirectType: 0, metadata: null },
        { storeId: 1, requestPath: 'rewritten.html', targetPath: target, redirectType: 0, metadata: null },
        { storeId: 1, requestPath: 'old.html', targetPath: 'rewritten.html', redirectType: 301, metadata: null },
        { storeId: 2, requestPath: 'de-own.html', targetPath: target, redirectType: 0, metadata: null },
      ],
    });
    ids.NO_KEY = await shop.product({ sku: 'NO_KEY', price: 9, urlRewrites: [{ storeId: 1, requestPath: 'moved.html', targetPath: 'x.html', redirectType: 301, metadata: null }] });

    ids.STYLE = await shop.product({ sku: 'STYLE', type: 'configurable', price: null, urlKey: 'style' });
    await shop.child(ids.STYLE, { sku: 'STYLE-M-BLUE', size: 'M', color: 'Blue', price: 50, qty: 2, image: '/s/t/blue.jpg', gallery: [image('/s/t/blue.jpg', [admin(null, 1)])] });
    await shop.child(ids.STYLE, { sku: 'STYLE-S-BLUE', size: 'S', color: 'Blue', price: 45, qty: 3 });
    await shop.child(ids.STYLE, { sku: 'STYLE-L-BLACK', size: 'L', color: 'Black', price: 48, qty: 1, attributes: { special_price: 41 } });
    await shop.child(ids.STYLE, { sku: 'STYLE-XL', size: 'XL', price: 30, qty: 4 });
    await shop.child(ids.STYLE, { sku: 'STYLE-S-RED', size: 'S', color: 'Red', price: 10, qty: 0 });

    dataSource = new DataSource(magentoDataSourceOptions(config.shopDb));
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await conn?.end();
    await dbs?.drop();
  });

  const readAll = async () => {
    const adapter = new MagentoCatalogAdapter(dataSource, { ...config, magento: { ...config.magento, tablePrefix, stockSource: 'legacy' } });
    return (await adapter.fetchProducts(await adapter.selectEligibleIds({ afterId: 0, limit: 1000 }))).products;
  };
  const pick = ({ final_price, images, image_url, product_url, variants }: ProductRecord | ExpectedStorefront) => ({ final_price, images, image_url, product_url, variants });

  it('reads the rules\' edges as the storefront shows them', async () => {
    const products = Object.fromEntries((await readAll()).map((p) => [p.sku, p]));
    const media = 'https://cdn.shop.test/m/catalog/product';

    expect(products.SALE.final_price).toBe('30.000000'); // ends today in Tokyo, whatever the UTC date
    expect(products.SALE_TOMORROW.final_price).toBe('40.000000');
    expect(products.TIERS.final_price).toBe('8.758800'); // 10.01 × 0.875 = 8.75875, half up
    expect(products.RULES.final_price).toBe('15.000000');
    // Hidden in the store, a tie on position 2 (value_id decides), shown by the store's row, unplaced last; no video.
    expect(products.GALLERY.images).toEqual([
      { url: `${media}/g/a/b.jpg`, label: 'B in store', roles: ['swatch_image'] },
      { url: `${media}/g/a/a.jpg`, label: 'A', roles: [] },
      { url: `${media}/g/a/shown-in-store.jpg`, label: 'Off', roles: [] },
      { url: `${media}/g/a/unplaced.jpg`, label: 'Unplaced', roles: [] },
    ]);
    expect(products.GALLERY.image_url).toBe(`${media}/g/a/b.jpg`); // the base image is hidden in the store
    expect(products.REWRITES.product_url).toBe('https://shop.test/first-own.html');
    expect(products.NO_KEY.product_url).toBe(`https://shop.test/catalog/product/view/id/${ids.NO_KEY}`);
    expect(products.SALE.product_url).toBe('https://shop.test/sale.html');
    // The child without a colour counts for the price, not for the colours; the red one is sold out.
    expect(pick(products.STYLE)).toEqual({
      final_price: '30.000000',
      images: [],
      image_url: `${media}/s/t/blue.jpg`,
      product_url: 'https://shop.test/style.html',
      variants: [
        { color: 'Schwarz', swatch: null, image_url: null, sizes: ['L'], stock_qty: 1, final_price: '41.000000' },
        { color: 'Blau', swatch: '#1857f7', image_url: `${media}/s/t/blue.jpg`, sizes: ['S', 'M'], stock_qty: 5, final_price: '45.000000' },
      ],
    });
  });

  it('agrees with the storefront oracle on every product', async () => {
    const sellable = await eligibleSourceProducts(dbs.admin, new URL(dbs.magentoUrl).pathname.slice(1), { tablePrefix, stockSource: 'legacy', includeNotVisible: true });
    const oracle = new StorefrontOracle(shop.model, 1, new Map(sellable.map((p) => [p.id, Number(p.stockQty)])));
    const products = await readAll();

    expect(products.map((p) => p.sku).sort()).toEqual(['GALLERY', 'NO_KEY', 'REWRITES', 'RULES', 'SALE', 'SALE_TOMORROW', 'STYLE', 'TIERS']);
    expect(Object.fromEntries(products.map((p) => [p.sku, pick(p)]))).toEqual(Object.fromEntries(products.map((p) => [p.sku, pick(oracle.expected(Number(p.source_id)))])));
  });
});
