// The other shape of shop, side by side with the main run: Adobe Commerce (staged row_id versions)
// with multi-source inventory and a table prefix, the dearest shape to read. Its whole on-sale set
// goes through the same job path, so its per-job cost can be set against the Open Source legacy run.
import { benchEnv, startBackend } from './backend.mjs';
import { migrateLookbook, recreateDatabase, seedCatalog, waitForServerToSettle } from './databases.mjs';
import { importEverything } from './import-phases.mjs';

export const COMMERCE_MSI = { edition: 'commerce', stock: 'msi', tablePrefix: 'mg_' };

export async function runShapeComparison({ admin, urlFor, names, products, seed, jobSize, chunkSize, log, shape = COMMERCE_MSI }) {
  await recreateDatabase(admin, names.magento);
  await recreateDatabase(admin, names.lookbook);
  log(`seeding the same ${products.toLocaleString('en')} products as ${describeShape(shape)} into ${names.magento}`);
  const seeded = await seedCatalog(urlFor(names.magento), { products, seed, log, shape });
  await migrateLookbook(urlFor(names.lookbook));
  await waitForServerToSettle(admin, { log });
  const backend = await startBackend(benchEnv({ magentoUrl: urlFor(names.magento), lookbookUrl: urlFor(names.lookbook), chunkSize, shape }));
  try {
    log(`importing everything from ${describeShape(shape)} in jobs of ${jobSize}`);
    const imported = await importEverything(backend, { jobSize });
    return { shape, onSale: seeded.onSale, jobs: imported.jobs, total: imported.total };
  } finally {
    await backend.close();
  }
}

export function describeShape({ edition, stock, tablePrefix }) {
  return `${edition === 'commerce' ? 'Adobe Commerce' : 'Open Source'} + ${stock === 'msi' ? 'multi-source inventory' : 'legacy stock'}${tablePrefix ? ` + prefix ${tablePrefix}` : ''}`;
}
