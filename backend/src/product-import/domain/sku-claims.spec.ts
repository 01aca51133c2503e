import { product } from '../testing/in-memory-ports';
import { SkuClaim, SkuHolder, resolveSkuClaims } from './sku-claims';

const holder = (id: number, sourceId: number, sku: string, inStock = true): SkuHolder => ({ id, source_id: sourceId, sku, in_stock: inStock, content_hash: 'h' });

describe('resolveSkuClaims', () => {
  it("gives equal SKUs in one batch to the lowest entity_id, whatever the order, and names both in the other one's error", () => {
    for (const order of [[0, 1], [1, 0]]) {
      const batch: SkuClaim[] = [
        { product: product(5, { sku: 'XCH-1' }), sameSkuGroup: 0, holders: [] },
        { product: product(9, { sku: 'xch-1' }), sameSkuGroup: 0, holders: [] },
      ];

      const sut = resolveSkuClaims(order.map((i) => batch[i]));

      expect(sut.won.map((w) => [w.product.source_id, w.row])).toEqual([[5, null]]);
      expect(sut.lost).toEqual([{ source_id: 9, sku: 'xch-1', message: expect.stringMatching(/"xch-1" of product 9 .* "XCH-1" of product 5/) }]);
    }
  });

  it("takes over a row on sale from a product with a higher entity_id, and names that product as displaced", () => {
    const sut = resolveSkuClaims([{ product: product(5, { sku: 'X' }), sameSkuGroup: 0, holders: [holder(40, 9, 'X')] }]);

    expect(sut.won).toEqual([{ product: expect.objectContaining({ source_id: 5 }), row: holder(40, 9, 'X'), takenFrom: holder(40, 9, 'X') }]);
    expect(sut.lost).toEqual([]);
  });

  it('takes over a withdrawn row whatever its entity_id, and keeps its own row where it has one', () => {
    const sut = resolveSkuClaims([
      { product: product(9, { sku: 'X' }), sameSkuGroup: 0, holders: [holder(40, 5, 'X', false)] },
      { product: product(12, { sku: 'Y' }), sameSkuGroup: 1, holders: [holder(41, 3, 'y', false), holder(42, 12, 'Y')] },
    ]);

    expect(sut.won.map((w) => [w.product.source_id, w.row?.id, w.takenFrom?.source_id ?? null])).toEqual([[9, 40, 5], [12, 42, null]]);
  });
});
