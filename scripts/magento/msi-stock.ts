import type { Connection } from 'mysql2/promise';
import { METADATA_TIMESTAMP } from './metadata';
import type { LegacyStock, Reservation, SourceItem } from './product-rows';
import type { SeededRandom } from './random';
import type { MagentoShape } from './schema';

/** How a generated shop keeps stock: Magento's legacy single stock, or MSI with several stocks. */
export type StockMode = 'legacy' | 'msi';

/** Sources of the generated shops. eu_warehouse exists in both modes (it was the second source before MSI stocks). */
export const SOURCES = {
  default: 'default',
  euWarehouse: 'eu_warehouse',
  berlinStore: 'berlin_store',
  euReturns: 'eu_returns',
  ukWarehouse: 'uk_warehouse',
} as const;

/** The MSI stock the store-1 website (base) sells in msi mode, and the second website's. */
export const EU_STOCK = { id: 2, name: 'EU' };
export const UK_STOCK = { id: 3, name: 'UK' };
/** cataloginventory/item_options/min_qty written in msi mode: a unit kept back unless an item says otherwise. */
export const CONFIG_MIN_QTY = 1;

/**
 * Writes the inventory layout on top of Magento's default source and stock:
 * - legacy: eu_warehouse joins "Default Stock" (one stock, two sources, as many single-stock shops have);
 * - msi: website base sells stock "EU" (eu_warehouse, berlin_store and the disabled eu_returns),
 *   website second sells stock "UK" (uk_warehouse); "Default Stock" keeps the default source and
 *   no website, and the configured out-of-stock threshold is CONFIG_MIN_QTY.
 */
export async function insertInventoryLayout(conn: Connection, shape: MagentoShape, mode: StockMode): Promise<void> {
  const source = (code: string, name: string, enabled: 0 | 1, country: string, postcode: string) => [code, name, enabled, country, postcode];
  const sources = [source(SOURCES.euWarehouse, 'EU Warehouse', 1, 'DE', '04109')];
  const links: Array<[number, string, number]> = [];
  if (mode === 'legacy') {
    links.push([1, SOURCES.euWarehouse, 2]);
  } else {
    sources.push(source(SOURCES.berlinStore, 'Berlin Store', 1, 'DE', '10115'), source(SOURCES.euReturns, 'EU Returns', 0, 'DE', '04109'), source(SOURCES.ukWarehouse, 'UK Warehouse', 1, 'GB', 'M1 1AA'));
    links.push([EU_STOCK.id, SOURCES.euWarehouse, 1], [EU_STOCK.id, SOURCES.berlinStore, 2], [EU_STOCK.id, SOURCES.euReturns, 3], [UK_STOCK.id, SOURCES.ukWarehouse, 1]);
  }
  await conn.query(`INSERT INTO ${shape.table('inventory_source')} (source_code, name, enabled, country_id, postcode) VALUES ?`, [sources]);
  if (mode === 'msi') {
    await conn.query(`INSERT INTO ${shape.table('inventory_stock')} (stock_id, name) VALUES ?`, [[[EU_STOCK.id, EU_STOCK.name], [UK_STOCK.id, UK_STOCK.name]]]);
    await conn.query(`DELETE FROM ${shape.table('inventory_stock_sales_channel')} WHERE type = 'website'`);
    await conn.query(`INSERT INTO ${shape.table('inventory_stock_sales_channel')} (type, code, stock_id) VALUES ?`, [[['website', 'base', EU_STOCK.id], ['website', 'second', UK_STOCK.id]]]);
    await conn.query(
      `INSERT INTO ${shape.table('core_config_data')} (scope, scope_id, path, value, updated_at) VALUES ('default', 0, 'cataloginventory/item_options/min_qty', ?, ?)`,
      [String(CONFIG_MIN_QTY), METADATA_TIMESTAMP],
    );
  }
  await conn.query(`INSERT INTO ${shape.table('inventory_source_stock_link')} (stock_id, source_code, priority) VALUES ?`, [links]);
}

export interface SkuStock {
  /** The legacy row, thresholds included; the default source item mirrors it, as Magento keeps it. */
  stock: LegacyStock | null;
  sourceItems: SourceItem[];
  reservations: Reservation[];
}

/** Why a SKU is not salable on the EU stock although it may hold units somewhere. */
const UNSALABLE_WAYS = { nothing: 20, 'other-website': 15, 'disabled-source': 15, 'status-0': 15, 'reserved-to-zero': 15, 'item-threshold': 10, 'config-threshold': 10 } as const;

/**
 * The source items and reservations of one SKU. `legacy` is the planned legacy row; `salable`
 * says whether its salable quantity on the EU stock must come out above zero. Legacy mode keeps
 * today's two sources; msi mode realises `salable` in one of the ways real shops do, so every
 * rule of the salable quantity (stock of the website, enabled source, status, reservations,
 * thresholds) decides some SKUs.
 */
export function skuStock(rng: SeededRandom, mode: StockMode, legacy: LegacyStock | null, salable: boolean): SkuStock {
  if (!legacy) return { stock: null, sourceItems: [], reservations: [] };
  const qty = legacy.qty ?? 0;
  const mirror: SourceItem = { sourceCode: SOURCES.default, quantity: qty, status: legacy.isInStock };
  if (mode === 'legacy') {
    const sourceItems = [mirror];
    if (salable && qty === 0) {
      sourceItems.push({ sourceCode: SOURCES.euWarehouse, quantity: rng.int(1, 40), status: 1 });
    } else if (rng.chance(0.1)) {
      const quantity = rng.int(0, 60);
      sourceItems.push({ sourceCode: SOURCES.euWarehouse, quantity, status: quantity > 0 ? 1 : 0 });
    }
    return { stock: legacy, sourceItems, reservations: [] };
  }

  const ownThreshold = rng.chance(0.1);
  const stock: LegacyStock = ownThreshold ? { ...legacy, useConfigMinQty: 0, minQty: rng.int(0, 3) } : { ...legacy };
  const threshold = ownThreshold ? stock.minQty! : CONFIG_MIN_QTY;
  const sourceItems: SourceItem[] = [mirror];
  const reservations: Reservation[] = [];
  const eu = (sourceCode: string, quantity: number, status: 0 | 1 = 1) => {
    // One item per source and SKU (Magento's unique key): an extra never replaces a counted item.
    if (!sourceItems.some((item) => item.sourceCode === sourceCode)) sourceItems.push({ sourceCode, quantity, status });
  };

  if (salable) {
    const reserved = rng.chance(0.3) ? rng.int(1, 5) : 0;
    const total = Math.max(qty, 1) + threshold + reserved;
    if (rng.chance(0.2) && total > 1) {
      const inStore = rng.int(1, total - 1);
      eu(SOURCES.euWarehouse, total - inStore);
      eu(SOURCES.berlinStore, inStore);
    } else {
      eu(SOURCES.euWarehouse, total);
    }
    if (reserved > 0) {
      // Sometimes an order was placed and partly cancelled: a compensation follows the reservation.
      if (rng.chance(0.3)) reservations.push({ stockId: EU_STOCK.id, quantity: -(reserved + 2) }, { stockId: EU_STOCK.id, quantity: 2 });
      else reservations.push({ stockId: EU_STOCK.id, quantity: -reserved });
    }
    // Units that must not count: returns not yet restocked, a shelf marked out of stock, the UK warehouse.
    if (rng.chance(0.1)) eu(SOURCES.euReturns, rng.int(1, 10));
    else if (rng.chance(0.1)) eu(SOURCES.berlinStore, rng.int(1, 20), 0);
    if (rng.chance(0.1)) eu(SOURCES.ukWarehouse, rng.int(1, 30));
    return { stock, sourceItems, reservations };
  }

  switch (rng.weighted(UNSALABLE_WAYS)) {
    case 'nothing':
      break;
    case 'other-website':
      eu(SOURCES.ukWarehouse, rng.int(1, 40));
      break;
    case 'disabled-source':
      eu(SOURCES.euReturns, rng.int(1, 20));
      break;
    case 'status-0':
      eu(SOURCES.euWarehouse, rng.int(1, 30), 0);
      break;
    case 'reserved-to-zero': {
      const ordered = rng.int(1, 10);
      eu(SOURCES.euWarehouse, ordered + threshold);
      reservations.push({ stockId: EU_STOCK.id, quantity: -ordered });
      break;
    }
    case 'item-threshold': {
      const quantity = rng.int(1, 5);
      stock.useConfigMinQty = 0;
      stock.minQty = quantity + rng.int(0, 1);
      eu(SOURCES.euWarehouse, quantity);
      break;
    }
    case 'config-threshold':
      stock.useConfigMinQty = 1;
      stock.minQty = 0;
      eu(SOURCES.euWarehouse, CONFIG_MIN_QTY);
      break;
  }
  return { stock, sourceItems, reservations };
}
