// The scale check: on a ten times larger catalog, a job at the start of the cursor against one near
// its end. Keyset paging (entity_id > cursor ORDER BY entity_id LIMIT n) should cost the same
// wherever the cursor is; OFFSET paging or a scan from the first id would grow with the cursor.
import mysql from 'mysql2/promise';
import { benchEnv, startBackend } from './backend.mjs';
import { migrateLookbook, recreateDatabase, seedCatalog, waitForServerToSettle } from './databases.mjs';
import { eligibleIdFromEndSql, loadFloorAttributes } from './floor-sql.mjs';
import { startVersusEnd } from './import-phases.mjs';

export async function runScaleCheck({ admin, urlFor, names, products, seed, jobSize, chunkSize, shape, log }) {
  await recreateDatabase(admin, names.magento);
  await recreateDatabase(admin, names.lookbook);
  log(`seeding ${products.toLocaleString('en')} products into ${names.magento} (this takes a while)`);
  const seeded = await seedCatalog(urlFor(names.magento), { products, seed, log, shape });
  await migrateLookbook(urlFor(names.lookbook));
  await waitForServerToSettle(admin, { log });
  const endAfterId = await idWithEligibleAbove(urlFor(names.magento), jobSize);

  const backend = await startBackend(benchEnv({ magentoUrl: urlFor(names.magento), lookbookUrl: urlFor(names.lookbook), chunkSize, shape }));
  try {
    log(`start (after id 0) against end (after id ${endAfterId}), ${jobSize} products each`);
    const comparison = await startVersusEnd(backend, { jobSize, endAfterId, rounds: 3 });
    return { products, seedSeconds: seeded.seconds, ...comparison };
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
