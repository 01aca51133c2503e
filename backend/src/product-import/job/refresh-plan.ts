import { ImportJobError } from '../domain/import-job';
import { ImportedRow, RowUpdate } from '../domain/imported-row';
import { CatalogPage, ProductRecord } from '../domain/product-record';

/** What a refresh does to one chunk of Lookbook rows, decided before anything is written. */
export interface RefreshPlan {
  /** Rows on sale: rewritten from the shop's record where it differs. */
  updates: RowUpdate[];
  /** Rows no longer on sale that still show stock. */
  withdraw: number[];
  /** Rows already withdrawn that are still not on sale: nothing to write. */
  alreadyWithdrawn: number;
  /** Rows of on-sale products the mapping could not use (e.g. an empty SKU): left as they are. */
  skipped: number;
  /** Rows left as they are because of a conflict, e.g. a new SKU another row holds. */
  errors: ImportJobError[];
}

/**
 * Decides each row's fate from what the shop sells now.
 * - A product on sale is brought up to date on one row: the one holding its current SKU, else the
 *   newest row of its source id, which then takes the new SKU (unless another row holds it: an
 *   error naming both SKUs, the row left alone).
 * - The other rows of that source id are copies left behind by an earlier SKU change; like the rows
 *   of products no longer on sale, they are withdrawn. Rows are never deleted.
 *
 * @param eligible the chunk's source ids the shop sells now
 * @param page the shop's records of those
 * @param skuHolders SKU → id of the Lookbook row holding it, for the records' SKUs
 */
export function planRefresh(rows: ImportedRow[], eligible: Set<number>, page: CatalogPage, skuHolders: Map<string, number>): RefreshPlan {
  const plan: RefreshPlan = { updates: [], withdraw: [], alreadyWithdrawn: 0, skipped: 0, errors: [] };
  const records = new Map(page.products.map((p) => [p.source_id, p]));
  const withdraw = (row: ImportedRow) => (isWithdrawn(row) ? plan.alreadyWithdrawn++ : plan.withdraw.push(row.id));

  for (const group of bySourceId(rows)) {
    const sourceId = group[0].source_id;
    if (!eligible.has(sourceId)) {
      group.forEach(withdraw);
      continue;
    }
    const record = records.get(sourceId);
    if (!record) {
      // Sold, but the mapping skipped it (or it went between the two reads): the next refresh decides.
      plan.skipped += group.length;
      continue;
    }
    const current = productRow(group, record);
    group.filter((row) => row !== current).forEach(withdraw);
    const holder = skuHolders.get(record.sku);
    if (current.sku !== record.sku && holder !== undefined && holder !== current.id) {
      plan.errors.push({
        source_id: sourceId,
        sku: current.sku,
        message: `The shop renamed SKU "${current.sku}" to "${record.sku}", which another Lookbook product holds; left as it was`,
      });
      continue;
    }
    plan.updates.push({ rowId: current.id, product: record });
  }
  return plan;
}

/** The SKUs a chunk's records would move rows to: the holders of these must be known to plan. */
export function newSkus(rows: ImportedRow[], page: CatalogPage): string[] {
  const held = new Set(rows.map((r) => `${r.source_id}\u0000${r.sku}`));
  return page.products.filter((p) => !held.has(`${p.source_id}\u0000${p.sku}`)).map((p) => p.sku);
}

function productRow(group: ImportedRow[], record: ProductRecord): ImportedRow {
  return group.find((row) => row.sku === record.sku) ?? group.reduce((newest, row) => (row.id > newest.id ? row : newest));
}

function isWithdrawn(row: ImportedRow): boolean {
  return !row.in_stock && Number(row.stock_qty) === 0;
}

function bySourceId(rows: ImportedRow[]): ImportedRow[][] {
  const groups = new Map<number, ImportedRow[]>();
  for (const row of rows) {
    const group = groups.get(row.source_id) ?? [];
    groups.set(row.source_id, group);
    group.push(row);
  }
  return [...groups.values()];
}
