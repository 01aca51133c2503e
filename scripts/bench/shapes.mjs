// Other catalogs, side by side with the main run, each through the same job path:
// - Adobe Commerce (staged row_id versions) with multi-source inventory and a table prefix, the
//   dearest shape to read, whose per-product cost is set against the Open Source legacy run;
// - an attribute-heavy catalog (a Luma-like load of select, multiselect and Yes/No attributes),
//   with the hand-written floor over the same ranges, writing the same `attributes` JSON;
// - a configurable-heavy catalog (Magento's sample store: styles of about a dozen size × colour
//   children, most products children), with the floor too.
// Each is seeded once; every run imports it again into a fresh Lookbook with a fresh backend.
import { benchEnv, startBackend } from './backend.mjs';
import { migrateLookbook, recreateDatabase, seedCatalog, waitForServerToSettle } from './databases.mjs';
import { compareWithImport, runFloor } from './floor.mjs';
import { importEverything } from './import-phases.mjs';

export const COMMERCE_MSI = { edition: 'commerce', stock: 'msi', tablePrefix: 'mg_' };
export const RICH_ATTRIBUTES = { richAttributes: true };
export const configurableHeavy = (children) => ({ children });

/** Seeds the shop of one catalog; resolves to its count of products on sale. */
export async function seedShape({ admin, urlFor, names, products, seed, log, shape }) {
  await recreateDatabase(admin, names.magento);
  log(`seeding the same ${products.toLocaleString('en')} products as ${describeShape(shape)} into ${names.magento}`);
  const seeded = await seedCatalog(urlFor(names.magento), { products, seed, log, shape });
  await waitForServerToSettle(admin, { log });
  return { onSale: seeded.onSale };
}

/** names: { magento, lookbook, floor? }; the floor runs (and is compared) when names.floor is given. */
export async function measureCatalog({ admin, urlFor, names, jobSize, chunkSize, log, shape, seeded }) {
  await recreateDatabase(admin, names.lookbook);
  await migrateLookbook(urlFor(names.lookbook));
  if (names.floor) {
    await recreateDatabase(admin, names.floor);
    await migrateLookbook(urlFor(names.floor));
  }
  const backend = await startBackend(benchEnv({ magentoUrl: urlFor(names.magento), lookbookUrl: urlFor(names.lookbook), chunkSize, shape }));
  let imported;
  try {
    log(`importing everything from ${describeShape(shape)} in jobs of ${jobSize}`);
    imported = await importEverything(backend, { jobSize });
  } finally {
    await backend.close();
  }
  const result = { shape, onSale: seeded.onSale, jobs: imported.jobs, total: imported.total };
  if (!names.floor) return result;
  log(`running the floor over the same ranges of ${describeShape(shape)}`);
  const floor = await runFloor({ magentoUrl: urlFor(names.magento), floorDatabase: names.floor, ranges: imported.jobs.map(({ afterId, lastId }) => ({ afterId, lastId })) });
  const comparison = await compareWithImport(admin, { importDatabase: names.lookbook, floorDatabase: names.floor });
  return { ...result, floor: { ...floor, ratio: imported.total.elapsedMs / floor.totalMs, comparison } };
}

export function describeShape({ edition = 'open-source', stock = 'legacy', tablePrefix, richAttributes, children }) {
  const parts = [edition === 'commerce' ? 'Adobe Commerce' : 'Open Source', stock === 'msi' ? 'multi-source inventory' : 'legacy stock'];
  if (tablePrefix) parts.push(`prefix ${tablePrefix}`);
  if (richAttributes) parts.push('rich attributes');
  if (children) parts.push(`${children} children a style`);
  return parts.join(' + ');
}
