import { DataSource } from 'typeorm';
import { migrateLookbook } from '../src/database/migrate';
import { LookbookRepository } from '../src/product-import/adapters/lookbook/lookbook.repository';
import { product } from '../src/product-import/testing/in-memory-ports';
import { TestDatabases, createTestDatabases } from './support/test-databases';
import { openDataSources, testConfig } from './support/test-app';

describe('LookbookRepository', () => {
  let dbs: TestDatabases;
  let lookbook: DataSource;
  let close: () => Promise<unknown>;
  let sut: LookbookRepository;
  const rows = (): Promise<Array<Record<string, any>>> => lookbook.query('SELECT * FROM products ORDER BY source_id');

  beforeAll(async () => {
    dbs = await createTestDatabases('writer');
    await migrateLookbook(testConfig(dbs).lookbookDb);
    ({ lookbook, close } = await openDataSources(dbs));
    sut = new LookbookRepository(lookbook);
  });
  beforeEach(() => lookbook.query('DELETE FROM products'));
  afterAll(async () => {
    await close();
    await dbs.drop();
  });

  it("works in strict sessions only, whatever the server's own sql_mode: a value is refused, never truncated or coerced", async () => {
    const modes: Array<{ mode: string }> = await lookbook.query('SELECT @@SESSION.sql_mode AS mode');
    const inTransaction = await sut.transaction(async () => (await lookbook.query('SELECT @@SESSION.sql_mode AS mode'))[0].mode);

    expect(modes[0].mode.split(',')).toEqual(expect.arrayContaining(['STRICT_ALL_TABLES', 'NO_ZERO_DATE', 'ERROR_FOR_DIVISION_BY_ZERO']));
    expect(inTransaction.split(',')).toContain('STRICT_ALL_TABLES');
  });

  it('inserts new SKUs with every mapped column', async () => {
    const tee = product(1, {
      sku: 'TEE-1', price: '19.990000', size_range: 'S, M', color: 'Rot', category: 'Men > Tops', attributes: { gender: 'Herren', climate: ['Cold'] },
      product_created_at: '2024-03-05 10:11:12', image_key: '/t/e/tee.jpg', url_key: 'tee',
    });

    const result = await sut.batchUpsertProducts([tee]);

    expect(result).toMatchObject({ inserted: 1, updated: 0, unchanged: 0, rejected: [], skus: { inserted: ['TEE-1'] } });
    const [row] = await rows();
    expect(row).toMatchObject({ source_id: 1, sku: 'TEE-1', price: '19.990000', size_range: 'S, M', color: 'Rot', category: 'Men > Tops', image_key: '/t/e/tee.jpg', url_key: 'tee', in_stock: 1, stock_qty: '5.000000' });
    expect(typeof row.attributes === 'string' ? JSON.parse(row.attributes) : row.attributes).toEqual({ gender: 'Herren', climate: ['Cold'] });
    expect(new Date(row.product_created_at).toISOString()).toBe('2024-03-05T10:11:12.000Z');
  });

  it('counts inserted, updated and unchanged exactly on a mixed batch, rewriting only changed rows', async () => {
    await sut.batchUpsertProducts([product(1), product(2), product(3)]);
    const [, before2, before3] = await rows();

    const result = await sut.batchUpsertProducts([product(1), product(2, { title: 'New title' }), product(3), product(4)]);

    expect(result).toMatchObject({ inserted: 1, updated: 1, unchanged: 2, skus: { inserted: ['SKU-4'], updated: ['SKU-2'], unchanged: ['SKU-1', 'SKU-3'] } });
    const after = await rows();
    expect(after.map((r) => r.title)).toEqual(['Product 1', 'New title', 'Product 3', 'Product 4']);
    expect(after[2].updated_at).toEqual(before3.updated_at);
    expect(after[1].updated_at.getTime()).toBeGreaterThanOrEqual(before2.updated_at.getTime());
  });

  it('reports a second identical upsert as all unchanged', async () => {
    const batch = Array.from({ length: 50 }, (_, i) => product(i + 1));
    await sut.batchUpsertProducts(batch);

    expect(await sut.batchUpsertProducts(batch)).toMatchObject({ inserted: 0, updated: 0, unchanged: 50 });
  });

  it('reports a row the database refuses with its SKU and reason, and writes the rest', async () => {
    const batch = [product(1), product(2, { title: 'x'.repeat(300) }), product(3), product(4, { price: '123456789012345.5' })];

    const result = await sut.batchUpsertProducts(batch);

    expect(result.inserted).toBe(2);
    expect(result.rejected).toEqual([
      { source_id: 2, sku: 'SKU-2', message: expect.stringMatching(/too long.*title/i) },
      { source_id: 4, sku: 'SKU-4', message: expect.stringMatching(/out of range.*price/i) },
    ]);
    expect((await rows()).map((r) => r.sku)).toEqual(['SKU-1', 'SKU-3']);
  });

  it('words a refused row as the product it is: SKU, field and the value Magento holds, never the server’s text or names', async () => {
    const batch = [
      product(1, { title: 'Long coat '.repeat(30) }),
      product(2, { price: '123456789012345678901234.5' }),
      product(3, { product_created_at: '0000-00-00 00:00:00' }),
      product(4, { product_created_at: '2024-02-30 10:00:00' }),
    ];

    const { rejected } = await sut.batchUpsertProducts(batch);

    expect(rejected.map((r) => r.message)).toEqual([
      `SKU "SKU-1": value too long for title, as Magento holds it: "${'Long coat '.repeat(6)}…" (300 characters)`,
      'SKU "SKU-2": value out of range for price, as Magento holds it: 123456789012345678901234.5',
      'SKU "SKU-3": invalid value for product_created_at, as Magento holds it: "0000-00-00 00:00:00"',
      'SKU "SKU-4": invalid value for product_created_at, as Magento holds it: "2024-02-30 10:00:00"',
    ]);
    const [{ database }] = await lookbook.query('SELECT DATABASE() AS `database`');
    expect(JSON.stringify(rejected)).not.toContain(database);
  });

  it('stores SQL-looking, quoted, emoji and non-Latin values as data', async () => {
    const sku = `'; DROP TABLE products; --`;
    await sut.batchUpsertProducts([product(1, { sku, title: `Пальто "Зима" 😀 \\ '` })]);

    const [row] = await rows();
    expect(row).toMatchObject({ sku, title: `Пальто "Зима" 😀 \\ '` });
  });

  it('commits rows and the cursor together, or neither', async () => {
    await sut.setMeta('last_successful_source_id', '10');

    await expect(
      sut.transaction(async (tx) => {
        await tx.batchUpsertProducts([product(11), product(12)]);
        await tx.setMeta('last_successful_source_id', '12');
        throw new Error('connection lost before commit');
      }),
    ).rejects.toThrow('connection lost');

    expect(await rows()).toEqual([]);
    expect(await sut.getMeta('last_successful_source_id')).toBe('10');
  });

  /** The statements `work` sends to the Lookbook database. */
  async function statementsOf<T>(work: () => Promise<T>): Promise<{ result: T; queries: string[]; withParams: Array<[string, unknown[] | undefined]> }> {
    const queries: string[] = [];
    const withParams: Array<[string, unknown[] | undefined]> = [];
    const original = lookbook.createQueryRunner.bind(lookbook);
    lookbook.createQueryRunner = (...args) => {
      const runner = original(...args);
      const query = runner.query.bind(runner);
      runner.query = ((sql: string, params?: unknown[]) => (queries.push(sql), withParams.push([sql, params]), query(sql, params))) as typeof runner.query;
      return runner;
    };
    const result = await work().finally(() => (lookbook.createQueryRunner = original));
    return { result, queries, withParams };
  }

  it('writes a batch of 1,000 in multi-row statements of 100', async () => {
    const batch = Array.from({ length: 1000 }, (_, i) => product(i + 1));

    const { result, queries } = await statementsOf(() => sut.batchUpsertProducts(batch));

    expect(result.inserted).toBe(1000);
    expect(queries.filter((q) => /INSERT INTO products/.test(q))).toHaveLength(10);
    expect(queries.length).toBeLessThan(16);
  });

  it("rewrites a refresh chunk's 250 changed rows in multi-row statements of 100", async () => {
    await sut.batchUpsertProducts(Array.from({ length: 250 }, (_, i) => product(i + 1)));

    const { result, queries } = await statementsOf(() =>
      sut.transaction(async (tx) => {
        const locked = await tx.lockRows((await tx.readImportedChunk(0, 250)).map((row) => row.id));
        return tx.updateRows(locked.map((row) => ({ rowId: row.id, product: product(row.source_id, { title: `Renamed ${row.source_id}` }) })));
      }),
    );

    expect(result).toEqual({ updated: 250, unchanged: 0, rejected: [] });
    expect(queries.filter((q) => /UPDATE products p/.test(q))).toHaveLength(3);
    const stored = await rows();
    expect(stored.map((r) => r.title)).toEqual(stored.map((r) => `Renamed ${r.source_id}`));
  });

  it("locks a refresh chunk's rows by primary key, never by a scan, and reads the chunk by its index range", async () => {
    await sut.batchUpsertProducts(Array.from({ length: 1000 }, (_, i) => product(i + 1)));
    await lookbook.query('ANALYZE TABLE products');

    const { result, withParams } = await statementsOf(() => sut.transaction(async (tx) => tx.lockRows((await tx.readImportedChunk(500, 100)).map((row) => row.id))));

    expect(result.map((row) => row.source_id)).toEqual(Array.from({ length: 100 }, (_, i) => 501 + i));
    const selects = withParams.filter(([sql]) => /FROM products/.test(sql));
    expect(selects.some(([sql]) => /FOR UPDATE/.test(sql))).toBe(true);
    for (const [sql, params] of selects) {
      const plan: Array<{ table: string; type: string; rows: number }> = await lookbook.query(`EXPLAIN ${sql.replace(/FOR UPDATE/, '')}`, params);
      for (const step of plan.filter((s) => s.table === 'products')) {
        expect(step.type).not.toBe('ALL');
        // The lock covers the chunk's rows alone (the keyset read's estimate ignores its LIMIT).
        if (/FOR UPDATE/.test(sql)) expect(Number(step.rows)).toBeLessThanOrEqual(100);
      }
    }
  });
});
