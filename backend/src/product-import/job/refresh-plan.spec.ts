import { ImportedRow } from '../domain/imported-row';
import { CatalogPage, ProductRecord } from '../domain/product-record';
import { SkuClaim, SkuHolder } from '../domain/sku-claims';
import { product } from '../testing/in-memory-ports';
import { planRefresh } from './refresh-plan';

const row = (id: number, sourceId: number, sku: string, stock: Partial<ImportedRow> = {}): ImportedRow => ({
  id, source_id: sourceId, sku, in_stock: true, stock_qty: '5.0000', ...stock,
});
const page = (...products: ProductRecord[]): CatalogPage => ({ products, skipped: [], lastSourceId: null });
const holder = (id: number, sourceId: number, sku: string, inStock = true): SkuHolder => ({ id, source_id: sourceId, sku, in_stock: inStock, content_hash: 'h' });
const claims = (...list: Array<[ProductRecord, SkuHolder[]]>): SkuClaim[] => list.map(([p, holders], i) => ({ product: p, sameSkuGroup: i, holders }));

describe('planRefresh', () => {
  it('withdraws rows of products no longer sold, except rows already withdrawn', () => {
    const rows = [row(1, 10, 'A'), row(2, 11, 'B', { in_stock: false, stock_qty: '0.0000' }), row(3, 12, 'C', { in_stock: false, stock_qty: '2.0000' })];

    const sut = planRefresh(rows, new Set(), page(), []);

    expect(sut).toMatchObject({ updates: [], withdraw: [1, 3], withdrawn: 2, alreadyWithdrawn: 1, skipped: 0, lost: [] });
  });

  it('gives the newest row of a source id the new SKU when no row holds it, and withdraws the older copy', () => {
    const rows = [row(4, 10, 'OLD-1'), row(9, 10, 'OLD-2')];
    const record = product(10, { sku: 'NEW' });

    const sut = planRefresh(rows, new Set([10]), page(record), claims([record, []]));

    expect(sut.updates).toEqual([{ rowId: 9, product: record }]);
    expect(sut.withdraw).toEqual([4]);
  });

  it('keeps the row holding the current SKU even when it is the older one', () => {
    const rows = [row(4, 10, 'CURRENT'), row(9, 10, 'STALE')];
    const record = product(10, { sku: 'CURRENT' });

    const sut = planRefresh(rows, new Set([10]), page(record), claims([record, [holder(4, 10, 'CURRENT')]]));

    expect(sut.updates.map((u) => u.rowId)).toEqual([4]);
    expect(sut.withdraw).toEqual([9]);
    expect(sut.lost).toEqual([]);
  });

  it('takes over the withdrawn row of another product that held the SKU, withdraws its own old row, and owes that product its own', () => {
    const record = product(10, { sku: 'THEIRS' });

    const sut = planRefresh([row(1, 10, 'MINE')], new Set([10]), page(record), claims([record, [holder(77, 3, 'THEIRS', false)]]));

    expect(sut.updates).toEqual([{ rowId: 77, product: record }]);
    expect(sut.withdraw).toEqual([1]);
    expect(sut.displaced).toEqual([{ source_id: 3, sku: 'THEIRS', message: expect.stringContaining('product 10') }]);
  });

  it("leaves a SKU to the product on sale with the lower entity_id, withdrawing the other one's rows and naming both", () => {
    const record = product(10, { sku: 'theirs' });

    const sut = planRefresh([row(1, 10, 'MINE')], new Set([10]), page(record), claims([record, [holder(77, 3, 'THEIRS')]]));

    expect(sut.updates).toEqual([]);
    expect(sut.withdraw).toEqual([1]);
    expect(sut.withdrawn).toBe(0);
    expect(sut.lost).toEqual([{ source_id: 10, sku: 'theirs', message: expect.stringMatching(/"theirs" of product 10 .* "THEIRS" of product 3/) }]);
  });

  it('counts the rows of sold products the mapping skipped, and leaves them alone', () => {
    const sut = planRefresh([row(1, 10, 'A'), row(2, 10, 'A-OLD')], new Set([10]), page(), []);

    expect(sut).toMatchObject({ updates: [], withdraw: [], skipped: 2 });
  });
});
