import { idsIn } from './id-runs';

describe('idsIn', () => {
  it('keeps ids far apart as a plain IN list, sorted and without repeats', () => {
    expect(idsIn('entity_id', [300, 100, 200, 100])).toEqual({ sql: 'entity_id IN (?)', params: [[100, 200, 300]] });
  });

  it('reads consecutive ids as one range, with no filter when the range holds only them', () => {
    expect(idsIn('entity_id', [12, 10, 11, 13])).toEqual({ sql: '(entity_id BETWEEN ? AND ?)', params: [10, 13] });
  });

  it('filters a range that spans ids not asked for by the exact list', () => {
    expect(idsIn('e.row_id', [1, 3, 9, 17])).toEqual({
      sql: '(e.row_id BETWEEN ? AND ?) AND e.row_id + 0 IN (?)',
      params: [1, 17, [1, 3, 9, 17]],
    });
  });

  it('starts a new range after a gap wider than a run allows, and lists lone ids on their own', () => {
    expect(idsIn('product_id', [1, 3, 50, 100, 101, 102, 200])).toEqual({
      sql: '(product_id BETWEEN ? AND ? OR product_id BETWEEN ? AND ? OR product_id IN (?)) AND product_id + 0 IN (?)',
      params: [1, 3, 100, 102, [50, 200], [1, 3, 50, 100, 101, 102, 200]],
    });
  });

  it('needs no filter when lone ids sit beside exact runs', () => {
    expect(idsIn('entity_id', [5, 6, 7, 40])).toEqual({
      sql: '(entity_id BETWEEN ? AND ? OR entity_id IN (?))',
      params: [5, 7, [40]],
    });
  });
});
