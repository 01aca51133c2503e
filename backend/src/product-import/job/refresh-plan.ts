import { ImportedRow, RowUpdate } from '../domain/imported-row';
import { CatalogPage, RejectedProduct } from '../domain/product-record';
import { SkuClaim, displaced, resolveSkuClaims } from '../domain/sku-claims';

/** What a refresh does to one chunk of Lookbook rows, decided before anything is written. */
export interface RefreshPlan {
  /** Rows on sale: rewritten from the shop's record where it differs. */
  updates: RowUpdate[];
  /** Rows to mark no longer on sale. */
  withdraw: number[];
  /** How many of `withdraw` count as withdrawn (the rows of a product that lost its SKU count as its error instead). */
  withdrawn: number;
  /** Rows already withdrawn that are still not on sale: nothing to write. */
  alreadyWithdrawn: number;
  /** Rows of on-sale products the mapping could not use (e.g. an empty SKU): left as they are. */
  skipped: number;
  /** Products on sale that lost their SKU to another (see resolveSkuClaims): errors naming both, owed. */
  lost: RejectedProduct[];
  /** Products whose row another product took over by the SKU rule: owed a row of their own. */
  displaced: RejectedProduct[];
}

/**
 * Decides each row's fate from what the shop sells now, by the SKU rule (resolveSkuClaims): a row
 * belongs to the product that holds its SKU in the shop now.
 * - A product on sale is brought up to date on one row: the row holding its SKU (its own, or one
 *   it takes over from another product), else its own newest row, which takes the new SKU.
 * - Its other rows are copies left behind by an earlier SKU change; like the rows of products no
 *   longer on sale, they are withdrawn. Rows are never deleted.
 * - A product that loses its SKU to another has its rows withdrawn: the Lookbook shows the SKU once.
 *
 * @param eligible the chunk's source ids the shop sells now
 * @param page the shop's records of those
 * @param claims what the Lookbook holds for the records' SKUs
 */
export function planRefresh(rows: ImportedRow[], eligible: Set<number>, page: CatalogPage, claims: SkuClaim[]): RefreshPlan {
  const plan: RefreshPlan = { updates: [], withdraw: [], withdrawn: 0, alreadyWithdrawn: 0, skipped: 0, lost: [], displaced: [] };
  const { won, lost } = resolveSkuClaims(claims);
  const wonBySource = new Map(won.map((claim) => [claim.product.source_id, claim]));
  const lostBySource = new Map(lost.map((product) => [product.source_id, product]));
  const withdraw = (row: ImportedRow, counted = true) => {
    if (isWithdrawn(row)) return counted && plan.alreadyWithdrawn++;
    plan.withdraw.push(row.id);
    if (counted) plan.withdrawn++;
  };

  for (const group of bySourceId(rows)) {
    const sourceId = group[0].source_id;
    if (!eligible.has(sourceId)) {
      group.forEach((row) => withdraw(row));
      continue;
    }
    const loser = lostBySource.get(sourceId);
    if (loser) {
      plan.lost.push(loser);
      group.forEach((row) => withdraw(row, false));
      continue;
    }
    const claim = wonBySource.get(sourceId);
    if (!claim) {
      // Sold, but the mapping skipped it (or it went between the two reads): the next refresh decides.
      plan.skipped += group.length;
      continue;
    }
    const rowId = claim.row?.id ?? newest(group).id;
    group.filter((row) => row.id !== rowId).forEach((row) => withdraw(row));
    plan.updates.push({ rowId, product: claim.product });
    if (claim.takenFrom) plan.displaced.push(displaced(claim.takenFrom, claim.product));
  }
  // A row taken over from a product that lost its SKU in this same chunk is written, not withdrawn.
  const targets = new Set(plan.updates.map((update) => update.rowId));
  plan.withdraw = plan.withdraw.filter((id) => !targets.has(id));
  return plan;
}

function newest(group: ImportedRow[]): ImportedRow {
  return group.reduce((newest, row) => (row.id > newest.id ? row : newest));
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
