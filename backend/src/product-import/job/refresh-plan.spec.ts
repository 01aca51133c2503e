import { ImportedRow } from '../domain/imported-row';
import { CatalogPage } from '../domain/product-record';
import { product } from '../testing/in-memory-ports';
import { newSkus, planRefresh } from './refresh-plan';

const row = (id: number, sourceId: number, sku: string, stock: Partial<ImportedRow> = {}): ImportedRow => ({
  id, source_id: sourceId, sku, in_stock: true, stock_qty: '5.0000', ...stock,
});
const page = (...products: ReturnType<typeof product>[]): CatalogPage => ({ products, skipped: [], lastSourceId: null });

describe('planRefresh', () => {
  it('withdraws rows of products no longer sold, except rows already withdrawn', () => {
    const rows = [row(1, 10, 'A'), row(2, 11, 'B', { in_stock: false, stock_qty: '0.0000' }), row(3, 12, 'C', { in_stock: false, stock_qty: '2.0000' })];

    const sut = planRefresh(rows, new Set(), page(), new Map());

    expect(sut).toMatchObject({ updates: [], withdraw: [1, 3], alreadyWithdrawn: 1, skipped: 0, errors: [] });
  });

  it('gives the newest row of a source id the new SKU when no row holds it, and withdraws the older copy', () => {
    const rows = [row(4, 10, 'OLD-1'), row(9, 10, 'OLD-2')];
    const record = product(10, { sku: 'NEW' });

    const sut = planRefresh(rows, new Set([10]), page(record), new Map());

    expect(sut.updates).toEqual([{ rowId: 9, product: record }]);
    expect(sut.withdraw).toEqual([4]);
  });

  it('keeps the row holding the current SKU even when it is the older one', () => {
    const rows = [row(4, 10, 'CURRENT'), row(9, 10, 'STALE')];

    const sut = planRefresh(rows, new Set([10]), page(product(10, { sku: 'CURRENT' })), new Map([['CURRENT', 4]]));

    expect(sut.updates.map((u) => u.rowId)).toEqual([4]);
    expect(sut.withdraw).toEqual([9]);
    expect(sut.errors).toEqual([]);
  });

  it('reports a rename onto a SKU another row holds, naming both, and plans nothing for that row', () => {
    const sut = planRefresh([row(1, 10, 'MINE')], new Set([10]), page(product(10, { sku: 'THEIRS' })), new Map([['THEIRS', 77]]));

    expect(sut.updates).toEqual([]);
    expect(sut.errors).toEqual([{ source_id: 10, sku: 'MINE', message: expect.stringContaining('"MINE" to "THEIRS"') }]);
  });

  it('counts the rows of sold products the mapping skipped, and leaves them alone', () => {
    const sut = planRefresh([row(1, 10, 'A'), row(2, 10, 'A-OLD')], new Set([10]), page(), new Map());

    expect(sut).toMatchObject({ updates: [], withdraw: [], skipped: 2 });
  });
});

describe('newSkus', () => {
  it('lists only the SKUs no row of the same source id holds', () => {
    expect(newSkus([row(1, 10, 'A'), row(2, 11, 'B')], page(product(10, { sku: 'A' }), product(11, { sku: 'B2' })))).toEqual(['B2']);
  });
});
