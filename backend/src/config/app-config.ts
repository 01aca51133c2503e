/**
 * The backend's configuration, read from the environment once at boot. A missing or malformed
 * variable stops the app with one line naming it (never echoing a password).
 */
export interface MysqlConnectionConfig {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

export type StockSource = 'legacy' | 'msi';

export type LogFormat = 'text' | 'json';

export interface AppConfig {
  port: number;
  /** text: Nest's console lines (coloured on a terminal only); json: one JSON object per line. */
  logFormat: LogFormat;
  shopDb: MysqlConnectionConfig;
  lookbookDb: MysqlConnectionConfig;
  adminApiToken: string;
  magento: {
    /** The store view whose catalog is imported: its values, its website, that website's stock. */
    storeId: number;
    stockSource: StockSource;
    includeNotVisible: boolean;
    /** Magento's install-time table prefix, put before every table name ('' for none). */
    tablePrefix: string;
    /** Bound on every shop statement (a job's reads, lock waits). */
    queryTimeoutMs: number;
    /** Tighter bound on the shop reads GET /state waits on (the dialog's "remaining"). */
    stateQueryTimeoutMs: number;
    /** Replaces the store's own base URL in product links (and images, unless mediaBaseUrl is set). */
    baseUrl: string | null;
    /** Replaces the store's media base URL in image URLs (a CDN, a local copy of the photos). */
    mediaBaseUrl: string | null;
  };
  /** ISO 4217 code for prices when the shop's own base currency cannot be read. */
  shopCurrency: string;
  import: {
    chunkSize: number;
    heartbeatIntervalMs: number;
    staleAfterMs: number;
    /** Test-only: pause before each source page, to make a job slow enough to interrupt. */
    sourceDelayMs: number;
  };
  corsOrigins: string[];
  /** POST /jobs requests one client may make per minute. */
  jobRequestsPerMinute: number;
  /** Wrong or missing admin tokens one client may send per minute before it is refused with 429. */
  authFailuresPerMinute: number;
  /**
   * Express's "trust proxy": which hops' X-Forwarded-For to believe (e.g. "loopback" when the Next
   * server on the same host forwards), so limits key on the real client. Unset: nobody's.
   */
  trustProxy: string | false;
}

/** Injection token for the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

export function parseMysqlUrl(name: string, value: string | undefined): MysqlConnectionConfig {
  if (!value) throw new ConfigError(`${name} is not set; expected mysql://user:pass@host:port/db`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} is not a valid URL; expected mysql://user:pass@host:port/db`);
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!['mysql:', 'mariadb:'].includes(url.protocol) || !url.hostname || !url.username || !database) {
    throw new ConfigError(`${name} must look like mysql://user:pass@host:port/db`);
  }
  const port = Number(url.port || 3306);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new ConfigError(`${name} has an invalid port`);
  return {
    host: url.hostname,
    port,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database,
  };
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(`${name} must be true or false`);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!allowed.includes(raw as T)) throw new ConfigError(`${name} must be one of ${allowed.join(', ')}`);
  return raw as T;
}

/** Inlined into table names, so only the characters Magento's installer itself allows. */
function tablePrefix(env: Env): string {
  const prefix = env.MAGENTO_TABLE_PREFIX ?? '';
  if (!/^[A-Za-z0-9_]{0,32}$/.test(prefix)) {
    throw new ConfigError('MAGENTO_TABLE_PREFIX may hold only letters, digits and underscores (at most 32)');
  }
  return prefix;
}

function currencyCode(env: Env, name: string, fallback: string): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^[A-Z]{3}$/.test(raw)) throw new ConfigError(`${name} must be a three-letter ISO 4217 currency code, e.g. EUR`);
  return raw;
}

function adminToken(env: Env): string {
  const token = env.ADMIN_API_TOKEN;
  if (!token) throw new ConfigError('ADMIN_API_TOKEN is not set; use a random string of at least 32 characters');
  if (token.length < 32) throw new ConfigError('ADMIN_API_TOKEN must be at least 32 characters long');
  return token;
}

/** The shop's settings alone, for tools that read the shop without running the app (shop:check). */
export function loadMagentoSettings(env: Env = process.env): AppConfig['magento'] {
  return {
    // Store 0 is the admin scope, not a store view: it belongs to no website and sells nothing.
    storeId: integer(env, 'MAGENTO_STORE_ID', 1, 1, 65535),
    stockSource: oneOf(env, 'MAGENTO_STOCK_SOURCE', ['legacy', 'msi'] as const, 'legacy'),
    includeNotVisible: boolean(env, 'IMPORT_INCLUDE_NOT_VISIBLE', false),
    tablePrefix: tablePrefix(env),
    queryTimeoutMs: integer(env, 'MAGENTO_QUERY_TIMEOUT_MS', 30_000, 100, 3_600_000),
    stateQueryTimeoutMs: integer(env, 'MAGENTO_STATE_QUERY_TIMEOUT_MS', 4_000, 100, 60_000),
    baseUrl: webUrl(env, 'MAGENTO_BASE_URL'),
    mediaBaseUrl: webUrl(env, 'MAGENTO_MEDIA_BASE_URL'),
  };
}

/** An absolute http(s) URL ending in "/", as Magento's base URLs do; null when unset. */
function webUrl(env: Env, name: string): string | null {
  const raw = (env[name] ?? '').trim();
  if (raw === '') return null;
  if (!isWebUrl(raw)) throw new ConfigError(`${name} must be an absolute http:// or https:// URL, e.g. https://shop.example/`);
  return raw.endsWith('/') ? raw : `${raw}/`;
}

export function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && /^https?:\/\//i.test(value);
  } catch {
    return false;
  }
}

/**
 * Addresses, CIDR ranges or Express's names for them (loopback, linklocal, uniquelocal), comma
 * separated. Never "true": believing every hop would let any client pick its own address.
 */
function trustProxy(env: Env): string | false {
  const raw = (env.TRUST_PROXY ?? '').trim();
  if (raw === '' || raw === 'false') return false;
  const names = new Set(['loopback', 'linklocal', 'uniquelocal']);
  const entries = raw.split(',').map((entry) => entry.trim());
  const valid = (entry: string) => names.has(entry) || /^[0-9a-f:.]+(\/\d{1,3})?$/i.test(entry);
  if (!entries.every(valid)) {
    throw new ConfigError('TRUST_PROXY must be addresses or ranges (e.g. 127.0.0.1, 10.0.0.0/8) or loopback, linklocal, uniquelocal');
  }
  return entries.join(',');
}

export function loadAppConfig(env: Env = process.env): AppConfig {
  return {
    port: integer(env, 'PORT', 3001, 1, 65535),
    logFormat: oneOf(env, 'LOG_FORMAT', ['text', 'json'] as const, 'text'),
    shopDb: parseMysqlUrl('MYSQL_SHOP_URL', env.MYSQL_SHOP_URL),
    lookbookDb: parseMysqlUrl('LOOKBOOK_DB_URL', env.LOOKBOOK_DB_URL),
    adminApiToken: adminToken(env),
    magento: loadMagentoSettings(env),
    shopCurrency: currencyCode(env, 'SHOP_CURRENCY', 'USD'),
    import: {
      chunkSize: integer(env, 'IMPORT_CHUNK_SIZE', 250, 1, 1000),
      heartbeatIntervalMs: integer(env, 'IMPORT_HEARTBEAT_INTERVAL_MS', 2_000, 100, 60_000),
      staleAfterMs: integer(env, 'IMPORT_STALE_AFTER_MS', 30_000, 1_000, 3_600_000),
      sourceDelayMs: integer(env, 'IMPORT_TEST_SOURCE_DELAY_MS', 0, 0, 60_000),
    },
    jobRequestsPerMinute: integer(env, 'JOB_REQUESTS_PER_MINUTE', 30, 1, 100_000),
    authFailuresPerMinute: integer(env, 'AUTH_FAILURES_PER_MINUTE', 10, 1, 100_000),
    corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    trustProxy: trustProxy(env),
  };
}
