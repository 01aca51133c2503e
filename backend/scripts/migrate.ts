// `npm run db:migrate`: applies the checked-in migrations to LOOKBOOK_DB_URL.
import { ConfigError, parseMysqlUrl } from '../src/config/app-config';
import { loadEnvFile } from '../src/config/env-file';
import { migrateLookbook } from '../src/database/migrate';

async function main() {
  loadEnvFile();
  const db = parseMysqlUrl('LOOKBOOK_DB_URL', process.env.LOOKBOOK_DB_URL);
  const applied = await migrateLookbook(db);
  console.log(applied.length ? `[migrate] applied ${applied.join(', ')}` : '[migrate] up to date');
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error);
  process.exit(1);
});
