import { TEST_TOKEN } from './auth';
import { TestDatabases } from './test-databases';

/**
 * Every setting a test backend runs with, spelled out. main.ts fills whatever is unset from the
 * developer's .env, so a setting left out here could change what a suite tests; an empty value
 * means the backend's own default.
 */
export function testEnv(dbs: TestDatabases): Record<string, string> {
  return {
    MYSQL_SHOP_URL: dbs.magentoUrl,
    LOOKBOOK_DB_URL: dbs.lookbookUrl,
    ADMIN_API_TOKEN: TEST_TOKEN,
    HOST: '127.0.0.1',
    LOG_FORMAT: '',
    SHOP_CURRENCY: '',
    MAGENTO_STORE_ID: '1',
    MAGENTO_STOCK_SOURCE: 'legacy',
    MAGENTO_TABLE_PREFIX: '',
    IMPORT_INCLUDE_NOT_VISIBLE: 'false',
    IMPORT_CHUNK_SIZE: '',
    IMPORT_HEARTBEAT_INTERVAL_MS: '',
    IMPORT_STALE_AFTER_MS: '',
    IMPORT_TEST_SOURCE_DELAY_MS: '',
    CORS_ORIGINS: '',
    JOB_REQUESTS_PER_MINUTE: '1000',
    // Suites send wrong tokens on purpose; the one that tests the limit sets its own.
    AUTH_FAILURES_PER_MINUTE: '1000',
    MAGENTO_QUERY_TIMEOUT_MS: '',
    MAGENTO_STATE_QUERY_TIMEOUT_MS: '',
    TRUST_PROXY: '',
  };
}
