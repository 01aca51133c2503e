import { parseMysqlUrl } from '../src/config/app-config';
import { migrateLookbook } from '../src/database/migrate';
import { TestDatabases, createTestDatabases } from './support/test-databases';

describe('Lookbook migrations', () => {
  let dbs: TestDatabases;
  const schemaOf = async () => {
    const [rows] = await dbs.admin.query(
      `SELECT table_name, column_name, column_type, is_nullable FROM information_schema.columns
        WHERE table_schema = ? ORDER BY table_name, ordinal_position`,
      [parseMysqlUrl('db', dbs.lookbookUrl).database],
    );
    return rows as Array<Record<string, string>>;
  };

  beforeAll(async () => {
    dbs = await createTestDatabases('migrations');
  });
  afterAll(() => dbs.drop());

  it('creates products, product_import_jobs and product_import_meta on an empty database', async () => {
    const applied = await migrateLookbook(parseMysqlUrl('db', dbs.lookbookUrl));

    expect(applied).toEqual([
      'CreateLookbookImportTables1764400000000', 'AddImportJobLease1764500000000', 'AddShopperFields1765000000000',
      'FitEveryShopValue1765100000000', 'CompareSkusAsMagentoDoes1765100000001',
    ]);
    const tables = new Set((await schemaOf()).map((c) => c.TABLE_NAME ?? c.table_name));
    expect(tables).toEqual(new Set(['lookbook_migrations', 'products', 'product_import_jobs', 'product_import_meta', 'product_import_owed']));
    const productColumns = (await schemaOf()).filter((c) => (c.TABLE_NAME ?? c.table_name) === 'products').map((c) => c.COLUMN_NAME ?? c.column_name);
    expect(productColumns).toEqual(expect.arrayContaining([
      'source_id', 'sku', 'title', 'price', 'size_range', 'image_key', 'attributes', 'in_stock', 'season', 'url_key',
      'product_created_at', 'stock_qty', 'category', 'color', 'material', 'pattern', 'occasion', 'created_at', 'updated_at',
      'final_price', 'images', 'image_url', 'product_url', 'variants',
    ]));
  });

  it('changes nothing when run a second time', async () => {
    const before = await schemaOf();

    const applied = await migrateLookbook(parseMysqlUrl('db', dbs.lookbookUrl));

    expect(applied).toEqual([]);
    expect(await schemaOf()).toEqual(before);
  });

  it('refuses a second active job at the database level', async () => {
    const db = parseMysqlUrl('db', dbs.lookbookUrl).database;
    const insert = (id: string) =>
      dbs.admin.query(`INSERT INTO \`${db}\`.product_import_jobs (id, status, params, metrics, errors, created_at) VALUES (?, 'queued', '{}', '{}', '[]', NOW())`, [id]);

    await insert('00000000-0000-4000-8000-000000000001');

    await expect(insert('00000000-0000-4000-8000-000000000002')).rejects.toMatchObject({ code: 'ER_DUP_ENTRY' });
  });
});
