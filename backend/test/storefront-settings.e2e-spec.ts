import { NestExpressApplication } from '@nestjs/platform-express';
import mysql from 'mysql2/promise';
import request from 'supertest';
import { MagentoCatalogBuilder } from '../../scripts/magento/catalog-builder';
import { parseMysqlUrl } from '../src/config/app-config';
import { migrateLookbook } from '../src/database/migrate';
import { AUTH } from './support/auth';
import { runJob } from './support/poll';
import { startTestApp } from './support/test-app';
import { TestDatabases, createTestDatabases } from './support/test-databases';

type Row = mysql.RowDataPacket;

/**
 * Shop settings the storefront fields are built from, when they cannot be used: a base URL that is
 * not absolute http(s) is never written (its fields stay empty) and an unknown timezone is taken as
 * UTC, each named once in the job's errors; the settings MAGENTO_BASE_URL and
 * MAGENTO_MEDIA_BASE_URL replace what the shop says.
 */
describe('Storefront settings (real databases)', () => {
  let dbs: TestDatabases;
  let shop: mysql.Connection;
  let builder: MagentoCatalogBuilder;
  let lookbookDb: string;
  let app: NestExpressApplication | undefined;

  const rows = async () => {
    const [found] = await dbs.admin.query<Row[]>(`SELECT sku, final_price, images, image_url, product_url FROM \`${lookbookDb}\`.products ORDER BY sku`);
    return found;
  };
  /** Imports everything afresh with the settings given, one product per chunk; returns the job. */
  const importAll = async (env: Record<string, string> = {}) => {
    await app?.close();
    await dbs.admin.query(`DELETE FROM \`${lookbookDb}\`.products`);
    app = await startTestApp(dbs, { IMPORT_CHUNK_SIZE: '1', ...env });
    return runJob(app.getHttpServer(), { limit: 100, resumeFromLast: false, startAfterId: 0 });
  };
  const setConfig = (path: string, value: string | null, scope: 'default' | 'websites' | 'stores' = 'default', scopeId = 0) =>
    shop.query('REPLACE INTO core_config_data (scope, scope_id, path, value) VALUES (?, ?, ?, ?)', [scope, scopeId, path, value]);

  beforeAll(async () => {
    dbs = await createTestDatabases('storefront_settings');
    lookbookDb = parseMysqlUrl('LOOKBOOK_DB_URL', dbs.lookbookUrl).database;
    await migrateLookbook(parseMysqlUrl('LOOKBOOK_DB_URL', dbs.lookbookUrl));
    shop = await mysql.createConnection({ uri: dbs.magentoUrl, charset: 'utf8mb4' });
    builder = await MagentoCatalogBuilder.create(shop);
    const galleryId = builder.metadata.product.media_gallery.id;
    for (const sku of ['A', 'B', 'C']) {
      const id = await builder.product({ sku, price: 20, image: `/x/y/${sku.toLowerCase()}.jpg`, urlKey: sku.toLowerCase() });
      const [inserted] = await shop.query<mysql.ResultSetHeader>(
        "INSERT INTO catalog_product_entity_media_gallery (attribute_id, value, media_type, disabled) VALUES (?, ?, 'image', 0)",
        [galleryId, `/x/y/${sku.toLowerCase()}.jpg`],
      );
      await shop.query('INSERT INTO catalog_product_entity_media_gallery_value_to_entity (value_id, entity_id) VALUES (?, ?)', [inserted.insertId, id]);
      await shop.query("INSERT INTO catalog_product_entity_media_gallery_value (value_id, store_id, entity_id, label, position, disabled) VALUES (?, 0, ?, 'Front', 1, 0)", [inserted.insertId, id]);
    }
    await setConfig('web/unsecure/base_url', 'http://shop.example/');
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await shop?.end();
    await dbs?.drop();
  });

  it('builds links and photos from the store configuration', async () => {
    const job = await importAll();

    expect(job).toMatchObject({ status: 'completed', errors: [] });
    expect((await rows())[0]).toMatchObject({
      sku: 'A',
      final_price: '20.000000',
      product_url: 'http://shop.example/a.html',
      image_url: 'http://shop.example/media/catalog/product/x/y/a.jpg',
      images: [{ url: 'http://shop.example/media/catalog/product/x/y/a.jpg', label: 'Front', roles: ['image', 'small_image', 'thumbnail'] }],
    });
  });

  it('never writes a URL from a base URL that is not absolute http(s), and names the setting once per job', async () => {
    await setConfig('web/unsecure/base_media_url', 'javascript:alert(1)//', 'stores', 1);
    await setConfig('web/unsecure/base_link_url', '/shop/', 'websites', 1);
    try {
      const job = await importAll();

      expect(job.status).toBe('completed');
      expect(job.metrics).toMatchObject({ processed: 3, inserted: 3, errors_count: 2 });
      expect(job.errors).toEqual([
        { source_id: 0, sku: '', message: 'web/unsecure/base_link_url of store 1 is not an absolute http(s) URL: product links left empty' },
        { source_id: 0, sku: '', message: 'web/unsecure/base_media_url of store 1 is not an absolute http(s) URL: photos left empty' },
      ]);
      for (const row of await rows()) expect(row).toMatchObject({ final_price: '20.000000', product_url: null, image_url: null, images: [] });
    } finally {
      await shop.query("DELETE FROM core_config_data WHERE path IN ('web/unsecure/base_media_url', 'web/unsecure/base_link_url')");
    }
  });

  it('takes dates in UTC for a timezone it does not know, and says so once', async () => {
    await setConfig('general/locale/timezone', 'Mars/Olympus');
    try {
      const job = await importAll();

      expect(job.status).toBe('completed');
      expect(job.errors).toEqual([
        { source_id: 0, sku: '', message: 'general/locale/timezone "Mars/Olympus" is not a timezone name this server knows: dates are taken in UTC' },
      ]);
    } finally {
      await shop.query("DELETE FROM core_config_data WHERE path = 'general/locale/timezone'");
    }
  });

  it('lets MAGENTO_BASE_URL and MAGENTO_MEDIA_BASE_URL replace the shop’s base URLs', async () => {
    await setConfig('web/url/use_store', '1');
    try {
      const job = await importAll({ MAGENTO_BASE_URL: 'https://www.shop.example', MAGENTO_MEDIA_BASE_URL: 'https://cdn.example/media/' });

      expect(job.errors).toEqual([]);
      expect((await rows())[1]).toMatchObject({
        sku: 'B',
        product_url: 'https://www.shop.example/default/b.html',
        image_url: 'https://cdn.example/media/catalog/product/x/y/b.jpg',
      });
    } finally {
      await shop.query("DELETE FROM core_config_data WHERE path = 'web/url/use_store'");
    }
  });

  it('serves the fields in the products API', async () => {
    await importAll();
    const { body } = await request(app!.getHttpServer()).get('/api/admin/products?pageSize=1').set(AUTH).expect(200);

    expect(body.items[0]).toMatchObject({
      sku: 'A',
      final_price: '20.000000',
      product_url: 'http://shop.example/a.html',
      image_url: 'http://shop.example/media/catalog/product/x/y/a.jpg',
      images: [{ url: 'http://shop.example/media/catalog/product/x/y/a.jpg', label: 'Front', roles: ['image', 'small_image', 'thumbnail'] }],
      variants: [],
    });
  });
});
