// The MariaDB users this project needs, each with the least it needs. A fresh machine gets them
// from ensure-db with generated passwords kept in .env; elsewhere their URLs are set by hand.
//   - The app owns the Lookbook database and nothing else.
//   - It reads the shop as a real shop would let it: SELECT on the shop database only.
//   - The demo catalog is written by a user of its own, used by the seed and never by the app.
//   - Tests and the benchmark create and drop scratch databases, named t_* and bench_* only.
export const DATABASE_ROLES = [
  {
    setting: 'LOOKBOOK_DB_URL',
    user: 'lookbook_app',
    database: 'lookbook',
    grants: (db) => [`ALL PRIVILEGES ON \`${db}\`.*`],
    purpose: 'the app (its own database only)',
  },
  {
    setting: 'MYSQL_SHOP_URL',
    user: 'lookbook_shop_reader',
    database: 'magento',
    grants: (db) => [`SELECT ON \`${db}\`.*`],
    purpose: 'the app reading the demo shop (read-only)',
  },
  {
    setting: 'MAGENTO_SEED_URL',
    user: 'lookbook_demo_seed',
    database: 'magento',
    grants: (db) => [`ALL PRIVILEGES ON \`${db}\`.*`],
    purpose: 'writing the demo shop catalog (seed only)',
  },
  {
    setting: 'TEST_DB_URL',
    user: 'lookbook_test',
    database: '',
    // `_` is a wildcard in grant patterns: escaped, these match exactly the t_ and bench_ prefixes.
    grants: () => ['ALL PRIVILEGES ON `t\\_%`.*', 'ALL PRIVILEGES ON `bench\\_%`.*'],
    purpose: 'test and benchmark scratch databases (t_*, bench_*)',
  },
];

/** Users are reachable from this machine only. */
export const LOCAL_HOSTS = ['localhost', '127.0.0.1'];
