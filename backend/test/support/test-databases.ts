import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';

export interface TestDatabases {
  magentoUrl: string;
  lookbookUrl: string;
  /** A connection with no default database, for creating fixtures and asserting on rows. */
  admin: mysql.Connection;
  drop(): Promise<void>;
}

/**
 * Creates a fresh pair of empty databases (Magento source and Lookbook destination) for one test
 * suite, as TEST_DB_URL's user (who may create only t_* databases), so suites never see each other's rows.
 */
export async function createTestDatabases(suite: string): Promise<TestDatabases> {
  if (!process.env.TEST_DB_URL) throw new Error('TEST_DB_URL is not set: run `node scripts/db/ensure-db.mjs` (see .env.example)');
  const base = new URL(process.env.TEST_DB_URL);
  const tag = `${suite.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(3).toString('hex')}`;
  const names = { magento: `t_${tag}_magento`, lookbook: `t_${tag}_lookbook` };

  const admin = await mysql.createConnection({
    host: base.hostname,
    port: Number(base.port || 3306),
    user: decodeURIComponent(base.username),
    password: decodeURIComponent(base.password),
    multipleStatements: true,
    charset: 'utf8mb4',
  });
  for (const name of Object.values(names)) {
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  }
  const urlFor = (database: string) => {
    const url = new URL(base.toString());
    url.pathname = `/${database}`;
    return url.toString();
  };
  return {
    magentoUrl: urlFor(names.magento),
    lookbookUrl: urlFor(names.lookbook),
    admin,
    async drop() {
      for (const name of Object.values(names)) await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    },
  };
}
