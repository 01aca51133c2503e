// The scale check, on a ten times larger catalog: a job at the start of the cursor against one near
// its end (keyset paging, entity_id > cursor ORDER BY entity_id LIMIT n, should cost the same
// wherever the cursor is; OFFSET paging or a scan from the first id would grow with the cursor);
// how long the dialog waits for GET /state at either end, with a job running or not, and the first
// request after boot; and every product on sale through the job path.
import mysql from 'mysql2/promise';
import { benchEnv, startBackend } from './backend.mjs';
import { migrateLookbook, recreateDatabase, seedCatalog, waitForServerToSettle } from './databases.mjs';
import { eligibleIdFromEndSql, loadFloorAttributes } from './floor-sql.mjs';
import { importEverything, startVersusEnd } from './import-phases.mjs';
import { openDialog, stateLatency } from './state-latency.mjs';

/** Seeds the large catalog once, for every run. Resolves to what the runs need of it. */
export async function seedScaleCatalog({ admin, urlFor, names, products, seed, jobSize, shape, log }) {
  await recreateDatabase(admin, names.magento);
  log(`seeding ${products.toLocaleString('en')} products into ${names.magento} (this takes a while)`);
  const seeded = await seedCatalog(urlFor(names.magento), { products, seed, log, shape });
  await waitForServerToSettle(admin, { log });
  return { products, seedSeconds: seeded.seconds, endAfterId: await idWithEligibleAbove(urlFor(names.magento), jobSize) };
}

/** One run of the scale check on the seeded catalog, with a fresh Lookbook and a fresh backend. */
export async function runScaleCheck({ admin, urlFor, names, catalog, jobSize, chunkSize, shape, log }) {
  await recreateDatabase(admin, names.lookbook);
  await migrateLookbook(urlFor(names.lookbook));
  const backend = await startBackend(benchEnv({ magentoUrl: urlFor(names.magento), lookbookUrl: urlFor(names.lookbook), chunkSize, shape }));
  try {
    // The first request after boot, while the count made at boot runs (on this catalog it takes seconds).
    const first = await openDialog(backend);
    log(`start (after id 0) against end (after id ${catalog.endAfterId}), ${jobSize} products each`);
    const comparison = await startVersusEnd(backend, { jobSize, endAfterId: catalog.endAfterId, rounds: 3 });

    log('GET /state as the dialog opens: cursor near the end, then at the start, then while every product on sale is imported');
    const state = [await stateLatency(backend, { where: 'end' })];
    await admin.query(`DELETE FROM \`${names.lookbook}\`.products`);
    await admin.query(`DELETE FROM \`${names.lookbook}\`.product_import_meta`);
    state.push(await stateLatency(backend, { where: 'start' }));
    const importing = importEverything(backend, { jobSize });
    state.push(await stateLatency(backend, { where: 'start', jobRunning: true }));
    const everything = (await importing).total;
    return { products: catalog.products, seedSeconds: catalog.seedSeconds, ...comparison, state: { runs: state, ...first }, everything };
  } finally {
    await backend.close();
  }
}

/** The eligible id that has exactly `count` eligible products after it. */
async function idWithEligibleAbove(magentoUrl, count) {
  const conn = await mysql.createConnection({ uri: magentoUrl });
  try {
    const [[row]] = await conn.query(eligibleIdFromEndSql(await loadFloorAttributes(conn)), [count]);
    return Number(row.entity_id);
  } finally {
    await conn.end();
  }
}
