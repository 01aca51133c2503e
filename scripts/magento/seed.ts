/**
 * Fills a MySQL/MariaDB database with a deterministic Magento 2 fashion catalog.
 *
 *   npx tsx scripts/magento/seed.ts --products 48000 --seed 42 [--url mysql://user:pass@host:3306/db]
 *     [--edition open-source|commerce] [--stock legacy|msi] [--table-prefix mg_]
 *     [--multiselect text|varchar] [--without-season-occasion] [--rich-attributes] [--children 12]
 *
 * --edition commerce: Adobe Commerce's staged schema (row_id, versions, a past and a future update).
 * --stock msi: several MSI sources and stocks, reservations and thresholds; the summary then counts
 *   by MSI salable quantity (run the backend with MAGENTO_STOCK_SOURCE=msi).
 * --rich-attributes: a Luma-like attribute load (a dozen more select/multiselect/Yes-No attributes).
 * --children N: configurable-heavy, as Magento's sample store: N size × colour children in every
 *   style, and most products a style's children.
 * --table-prefix: on every table name (run the backend with MAGENTO_TABLE_PREFIX set to the same).
 * The URL defaults to MAGENTO_SEED_URL (from the environment or the root .env), never MYSQL_SHOP_URL:
 * that is the shop the app reads, possibly a real one. The database must exist; its Magento tables
 * (under that prefix) are dropped and recreated.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import mysql from 'mysql2/promise';
import { generateCatalog } from './catalog-generator';
import { countEligibleProducts, describeStore } from './eligibility';
import type { StockMode } from './msi-stock';
import type { MagentoEdition } from './schema';

const USAGE = `Usage: npm run magento:seed -- [options]

Creates a deterministic Magento 2 fashion catalog (a demo or test shop, never a real one).

  --products N            how many products (default 48000)
  --seed N                the generator's seed: the same seed, the same catalog (default 42)
  --url mysql://user:password@host:3306/database
                          the database to fill (default MAGENTO_SEED_URL, from the environment or the
                          root .env; never MYSQL_SHOP_URL, the shop the app reads). It must exist; the
                          user needs every right on it (CREATE, DROP, INSERT, …): its Magento tables
                          under the prefix are dropped and recreated.
  --edition open-source|commerce
                          commerce: Adobe Commerce's staged schema (row_id versions)
  --stock legacy|msi      msi: several inventory sources and stocks (run the backend with
                          MAGENTO_STOCK_SOURCE=msi)
  --table-prefix P        put P before every table name (run the backend with MAGENTO_TABLE_PREFIX=P)
  --rich-attributes       a dozen more select, multiselect and Yes/No attributes
  --multiselect text|varchar
                          the value table of multiselect attributes (default text)
  --without-season-occasion
                          leave out the season and occasion attributes
  -h, --help              print this and exit`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      help: { type: 'boolean', short: 'h', default: false },
      products: { type: 'string', default: '48000' },
      seed: { type: 'string', default: '42' },
      url: { type: 'string' },
      multiselect: { type: 'string', default: 'text' },
      'without-season-occasion': { type: 'boolean', default: false },
      edition: { type: 'string', default: 'open-source' },
      stock: { type: 'string', default: 'legacy' },
      'table-prefix': { type: 'string', default: '' },
      'rich-attributes': { type: 'boolean', default: false },
      children: { type: 'string' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const edition = values.edition as MagentoEdition;
  const stock = values.stock as StockMode;
  const tablePrefix = values['table-prefix'];
  if (edition !== 'open-source' && edition !== 'commerce') throw new Error(`--edition must be "open-source" or "commerce", got "${edition}"`);
  if (stock !== 'legacy' && stock !== 'msi') throw new Error(`--stock must be "legacy" or "msi", got "${stock}"`);
  const childrenPerStyle = values.children === undefined ? undefined : Number(values.children);
  const products = Number(values.products);
  const seed = Number(values.seed);
  if (values.multiselect !== 'text' && values.multiselect !== 'varchar') {
    throw new Error(`--multiselect must be "text" or "varchar", got "${values.multiselect}"`);
  }
  await loadRootEnv();
  // Never MYSQL_SHOP_URL: seeding drops the Magento tables, and that may be a real shop.
  const url = values.url ?? process.env.MAGENTO_SEED_URL;
  if (!url) throw new Error('no database to seed: pass --url or set MAGENTO_SEED_URL (see .env.example); the seed never writes to MYSQL_SHOP_URL');

  const conn = await mysql.createConnection({ uri: url, charset: 'utf8mb4' });
  const started = performance.now();
  try {
    const shapeWords = `${edition}, ${stock} stock${tablePrefix ? `, table prefix ${tablePrefix}` : ''}${values['rich-attributes'] ? ', rich attributes' : ''}${childrenPerStyle ? `, ${childrenPerStyle} children a style` : ''}`;
    console.log(`[seed] ${products.toLocaleString('en')} products, seed ${seed}, ${shapeWords}, into ${redact(url)}`);
    const summary = await generateCatalog(conn, {
      products,
      seed,
      schema: { edition, tablePrefix },
      stock,
      childrenPerStyle,
      metadata: {
        multiselectBackend: values.multiselect,
        withSeasonAndOccasion: !values['without-season-occasion'],
        richAttributes: values['rich-attributes'],
      },
      onProgress: (written, total) => console.log(`[seed] ${written.toLocaleString('en')} / ${total.toLocaleString('en')}`),
    });
    const seededSeconds = (performance.now() - started) / 1000;
    const query = { tablePrefix, storeId: 1, stockSource: stock };
    const [store, onSale] = [await describeStore(conn, query), await countEligibleProducts(conn, query)];
    const stockWords = stock === 'msi' ? `msi stock "${store.stock?.name ?? 'none'}"` : 'legacy stock';
    const lines = [
      `[seed] done in ${seededSeconds.toFixed(1)} s`,
      `  products      ${summary.products}`,
      `  configurables ${summary.configurables}`,
      `  children      ${summary.children}`,
      `  standalone    ${summary.standalone} (${summary.virtual} virtual)`,
    ];
    if (edition === 'commerce') lines.push(`  staged        ${summary.staged} with a past or scheduled version`);
    // The same words and rule as the import dialog: enabled, visible, in the website, in stock.
    lines.push(`  on sale in store 1 (website ${store.websiteCode}, ${stockWords}): ${onSale.toLocaleString('en')} (${((100 * onSale) / summary.products).toFixed(1)}%; planned ${summary.plannedEligible})`);
    console.log(lines.join('\n'));
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
  // A mistyped option: show the ones there are.
  if ((error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') console.error(`\n${USAGE}`);
  process.exit(1);
});
