/**
 * Fills a MySQL/MariaDB database with a deterministic Magento 2 fashion catalog.
 *
 *   npx tsx scripts/magento/seed.ts --products 48000 --seed 42 [--url mysql://user:pass@host:3306/db]
 *     [--multiselect text|varchar] [--without-season-occasion]
 *
 * The URL defaults to MAGENTO_SEED_URL, else MYSQL_SHOP_URL (from the environment or the root .env):
 * the app's own shop user may only read. The database must exist; its Magento tables are dropped
 * and recreated.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import mysql from 'mysql2/promise';
import { generateCatalog } from './catalog-generator';
import { countEligibleProducts } from './eligibility';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      products: { type: 'string', default: '48000' },
      seed: { type: 'string', default: '42' },
      url: { type: 'string' },
      multiselect: { type: 'string', default: 'text' },
      'without-season-occasion': { type: 'boolean', default: false },
    },
  });
  const products = Number(values.products);
  const seed = Number(values.seed);
  if (values.multiselect !== 'text' && values.multiselect !== 'varchar') {
    throw new Error(`--multiselect must be "text" or "varchar", got "${values.multiselect}"`);
  }
  await loadRootEnv();
  const url = values.url ?? process.env.MAGENTO_SEED_URL ?? process.env.MYSQL_SHOP_URL;
  if (!url) throw new Error('no database to seed: pass --url or set MAGENTO_SEED_URL (see .env.example)');

  const conn = await mysql.createConnection({ uri: url, charset: 'utf8mb4' });
  const started = performance.now();
  try {
    console.log(`[seed] ${products.toLocaleString('en')} products, seed ${seed}, into ${redact(url)}`);
    const summary = await generateCatalog(conn, {
      products,
      seed,
      metadata: { multiselectBackend: values.multiselect, withSeasonAndOccasion: !values['without-season-occasion'] },
      onProgress: (written, total) => console.log(`[seed] ${written.toLocaleString('en')} / ${total.toLocaleString('en')}`),
    });
    const seededSeconds = (performance.now() - started) / 1000;
    const eligible = await countEligibleProducts(conn);
    console.log(
      [
        `[seed] done in ${seededSeconds.toFixed(1)} s`,
        `  products      ${summary.products}`,
        `  configurables ${summary.configurables}`,
        `  children      ${summary.children}`,
        `  standalone    ${summary.standalone} (${summary.virtual} virtual)`,
        `  storefront-listed ${eligible} (${((100 * eligible) / summary.products).toFixed(1)}%; planned ${summary.plannedEligible})`,
      ].join('\n'),
    );
  } finally {
    await conn.end();
  }
}

/** Loads the repository's .env through the shared helper; it is an ES module, hence the dynamic import. */
async function loadRootEnv(): Promise<void> {
  const envModule = pathToFileURL(resolve(__dirname, '../db/env.mjs')).href;
  const { loadEnv } = (await import(envModule)) as { loadEnv: () => void };
  loadEnv();
}

const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

main().catch((error: unknown) => {
  console.error(`[seed] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
