// The refresh the bench measures: after the whole on-sale set is imported, about a tenth of the
// imported products change in the shop (prices, stock, disabled, deleted), then one refresh job
// re-checks every Lookbook product.

/** Every tenth imported product changes, in turn each of these ways. */
const CHANGES = ['price', 'soldOut', 'disabled', 'deleted'];

/** Changes the shop, runs one refresh and returns its figures. */
export async function measureRefresh(backend, { admin, magentoDb, lookbookDb, log }) {
  const [rows] = await admin.query(`SELECT source_id FROM \`${lookbookDb}\`.products ORDER BY source_id`);
  const picked = Object.fromEntries(CHANGES.map((change) => [change, []]));
  rows.forEach((row, i) => i % 10 === 5 && picked[CHANGES[(i - 5) / 10 % CHANGES.length]].push(Number(row.source_id)));
  const changed = Object.values(picked).reduce((n, ids) => n + ids.length, 0);
  log(`refresh: changing ${changed} of ${rows.length} imported products in the shop (${CHANGES.map((c) => `${picked[c].length} ${c}`).join(', ')})`);
  await changeShop(admin, magentoDb, picked);

  const { job, queries } = await backend.runJob({ mode: 'refresh', limit: 100, resumeFromLast: true, startAfterId: null });
  const m = job.metrics;
  return {
    imported: rows.length,
    changedInShop: Object.fromEntries(CHANGES.map((c) => [c, picked[c].length])),
    elapsedMs: m.elapsed_ms,
    processed: m.processed,
    updated: m.updated,
    unchanged: m.unchanged,
    withdrawn: m.withdrawn,
    skipped: m.skipped,
    errors: m.errors_count,
    queries: { total: queries.total, ...queries.bySource },
    // Where the job waits: each statement kind's count and time, dearest first.
    queryKinds: Object.fromEntries(Object.entries(queries.byKind).sort(([, a], [, b]) => b.ms - a.ms).map(([kind, { count, ms }]) => [kind, { count, ms: +ms.toFixed(1) }])),
  };
}

/** The changes as Magento's admin would leave the tables; a configurable's children change with it. */
async function changeShop(admin, db, { price, soldOut, disabled, deleted }) {
  const attributeId = async (code) => {
    const [[row]] = await admin.query(`SELECT attribute_id FROM \`${db}\`.eav_attribute WHERE entity_type_id = 4 AND attribute_code = ?`, [code]);
    return row.attribute_id;
  };
  const withChildren = async (ids) => {
    const [children] = await admin.query(`SELECT product_id FROM \`${db}\`.catalog_product_super_link WHERE parent_id IN (?)`, [ids]);
    return [...ids, ...children.map((c) => Number(c.product_id))];
  };
  await admin.query(
    `UPDATE \`${db}\`.catalog_product_entity_decimal SET value = ROUND(value * 1.1, 2) WHERE attribute_id = ? AND entity_id IN (?)`,
    [await attributeId('price'), await withChildren(price)],
  );
  await admin.query(`UPDATE \`${db}\`.cataloginventory_stock_item SET qty = 0, is_in_stock = 0 WHERE product_id IN (?)`, [await withChildren(soldOut)]);
  await admin.query(`UPDATE \`${db}\`.catalog_product_entity_int SET value = 2 WHERE attribute_id = ? AND entity_id IN (?)`, [await attributeId('status'), disabled]);
  await admin.query(`DELETE FROM \`${db}\`.catalog_product_entity WHERE entity_id IN (?)`, [deleted]);
}

