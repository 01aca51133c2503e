// Runs the floor statement over the same id ranges as our jobs, into its own Lookbook database,
// then checks it wrote the same products as our import did.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import mysql from 'mysql2/promise';
import { floorStatement, loadFloorAttributes } from './floor-sql.mjs';

const require = createRequire(import.meta.url);
const STORE_ID = 1;
const WEBSITE_ID = 1;

// The same strict mode the importer's writer uses, so neither side may truncate what it writes.
const STRICT = "SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'";

/** ranges: [{ afterId, lastId }] as our jobs ran. Resolves to the per-range and total times. */
export async function runFloor({ magentoUrl, floorDatabase, ranges }) {
  const conn = await mysql.createConnection({ uri: magentoUrl, charset: 'utf8mb4' });
  try {
    await conn.query(STRICT);
    // Materialize each CTE once: merged into the outer query, a CTE's scalar subqueries would run
    // again at every reference (measured: 520 ms instead of 230 ms for 1,000 products).
    await conn.query("SET SESSION optimizer_switch = 'derived_merge=off'");
    const { sql, params } = floorStatement(floorDatabase, await loadFloorAttributes(conn), await storeSettings(conn));
    const statements = [];
    for (const { afterId, lastId } of ranges) {
      const started = performance.now();
      const [result] = await conn.query(sql, params(afterId, lastId)).catch((error) => {
        throw new Error(`the floor statement failed for ids ${afterId} < id <= ${lastId}: ${error.message}`);
      });
      statements.push({ afterId, lastId, ms: performance.now() - started, affectedRows: result.affectedRows });
    }
    return { statements, totalMs: statements.reduce((sum, s) => sum + s.ms, 0) };
  } finally {
    await conn.end();
  }
}

/**
 * Store 1's base URLs and URL suffix, resolved by the backend's own code from core_config_data (they
 * are the job's settings, not per-product work), and today's date in its timezone.
 */
async function storeSettings(conn) {
  const distRoot = process.env.BENCH_BACKEND_DIST || join(import.meta.dirname, '../../backend/dist');
  const { resolveStorefront, todayIn } = require(join(distRoot, 'src/product-import/adapters/magento/storefront.js'));
  const [[store]] = await conn.query('SELECT code FROM store WHERE store_id = ?', [STORE_ID]);
  const runner = { query: async (sql, params) => (await conn.query(sql, params))[0] };
  const scope = { storeId: STORE_ID, storeCode: store.code, websiteId: WEBSITE_ID };
  const storefront = await resolveStorefront(runner, { tablePrefix: '' }, scope, { baseUrl: null, mediaBaseUrl: null }, true);
  if (storefront.linkBase === null || storefront.mediaBase === null) {
    throw new Error(`the floor needs a shop whose base URLs are usable: ${storefront.problems.join('; ')}`);
  }
  return { ...storefront, today: todayIn(storefront.timeZone) };
}

/**
 * Columns both sides fill the same way, compared byte for byte (the table's collation would take
 * "Blue" for "blue" and ignore trailing spaces); content_hash and the timestamps legitimately differ.
 */
const COMPARED = [
  'source_id', 'title', 'price', 'final_price', 'stock_qty', 'in_stock', 'size_range', 'color', 'material', 'pattern', 'occasion',
  'season', 'image_key', 'image_url', 'url_key', 'product_url', 'category', 'product_created_at',
];
/** JSON columns, compared as JSON values (key order and number notation aside). */
const COMPARED_JSON = ['images', 'attributes', 'variants'];

/**
 * Row counts, SKUs present on one side only, and for the SKUs on both sides how many rows differ
 * in each column (JSON columns compared as JSON values, not as text).
 */
export async function compareWithImport(admin, { importDatabase, floorDatabase }) {
  const ours = `\`${importDatabase}\`.products`;
  const floor = `\`${floorDatabase}\`.products`;
  const [[counts]] = await admin.query(
    `SELECT (SELECT COUNT(*) FROM ${ours}) AS ours, (SELECT COUNT(*) FROM ${floor}) AS floor,
            (SELECT COUNT(*) FROM ${ours} a LEFT JOIN ${floor} b ON b.sku = a.sku WHERE b.id IS NULL) AS onlyOurs,
            (SELECT COUNT(*) FROM ${floor} b LEFT JOIN ${ours} a ON a.sku = b.sku WHERE a.id IS NULL) AS onlyFloor`,
  );
  const differing = [...COMPARED.map((c) => `SUM(NOT (BINARY a.${c} <=> BINARY b.${c})) AS ${c}`), ...COMPARED_JSON.map((c) => `SUM(NOT JSON_EQUALS(a.${c}, b.${c})) AS ${c}`)];
  const [[columns]] = await admin.query(`SELECT ${differing.join(', ')} FROM ${ours} a JOIN ${floor} b ON b.sku = a.sku`);
  const columnDiffs = Object.fromEntries(Object.entries(columns).map(([c, n]) => [c, Number(n ?? 0)]).filter(([, n]) => n > 0));
  return {
    ourRows: Number(counts.ours),
    floorRows: Number(counts.floor),
    skusOnlyInOurs: Number(counts.onlyOurs),
    skusOnlyInFloor: Number(counts.onlyFloor),
    columnsCompared: COMPARED.length + COMPARED_JSON.length,
    columnDiffs,
  };
}
