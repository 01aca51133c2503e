import { QueryRunner } from 'typeorm';
import { isWebUrl } from '../../../config/app-config';
import { ShopProfile, table } from './shop-profile';

/** How the store's storefront builds its links and dates: what a shopper's browser is shown. */
export interface Storefront {
  /** IANA name; UTC when the shop sets none or one this server does not know. */
  timeZone: string;
  /** Where product paths are appended (with `index.php/` and the store code as configured); null when unusable. */
  linkBase: string | null;
  /** Where `catalog/product` + an image file is appended; null when unusable. */
  mediaBase: string | null;
  productUrlSuffix: string;
  /** A setting the storefront could not be built from, as a sentence for the job's errors. */
  problems: string[];
}

export interface StorefrontScope {
  storeId: number;
  storeCode: string;
  websiteId: number;
}

export interface StorefrontOverrides {
  baseUrl: string | null;
  mediaBaseUrl: string | null;
}

const PATHS = [
  'general/locale/timezone', 'catalog/seo/product_url_suffix', 'web/secure/use_in_frontend', 'web/seo/use_rewrites',
  'web/url/use_store', 'web/secure/base_url', 'web/secure/base_link_url', 'web/secure/base_media_url',
  'web/unsecure/base_url', 'web/unsecure/base_link_url', 'web/unsecure/base_media_url',
] as const;
type ConfigPath = (typeof PATHS)[number];

/** Magento's own default when the shop never set a suffix. */
const DEFAULT_SUFFIX = '.html';

/**
 * The store's timezone, URL suffix and base URLs, as Magento's storefront resolves them: each path
 * at store scope, else website scope, else default scope; base URLs from `web/secure/*` when the
 * storefront uses https, with their `{{…}}` placeholders filled in. MAGENTO_BASE_URL and
 * MAGENTO_MEDIA_BASE_URL replace what the shop's database says (a CDN, a copy of a shop).
 */
export async function resolveStorefront(
  runner: QueryRunner,
  tables: Pick<ShopProfile, 'tablePrefix'>,
  scope: StorefrontScope,
  overrides: StorefrontOverrides,
  hasConfigTable: boolean,
): Promise<Storefront> {
  const config = hasConfigTable ? await readScopedConfig(runner, tables, scope) : new Map<ConfigPath, string>();
  return storefrontFromConfig(config, scope, overrides);
}

/** The storefront from already resolved config values (path → value after the scope chain). */
export function storefrontFromConfig(config: ReadonlyMap<string, string>, scope: StorefrontScope, overrides: StorefrontOverrides): Storefront {
  const problems: string[] = [];
  const get = (path: ConfigPath) => config.get(path) ?? null;

  const zone = get('general/locale/timezone')?.trim() || 'UTC';
  const timeZone = isKnownTimeZone(zone) ? zone : 'UTC';
  if (timeZone !== zone) problems.push(`general/locale/timezone "${zone}" is not a timezone name this server knows: dates are taken in UTC`);

  const secure = get('web/secure/use_in_frontend') === '1';
  const kind = secure ? 'secure' : 'unsecure';
  const placeholders = (value: string) =>
    value
      .replaceAll('{{secure_base_url}}', get('web/secure/base_url') ?? '')
      .replaceAll('{{unsecure_base_url}}', get('web/unsecure/base_url') ?? '')
      .replaceAll('{{base_url}}', get('web/unsecure/base_url') ?? '');
  const setting = (name: 'base_url' | 'base_link_url' | 'base_media_url') => {
    const raw = get(`web/${kind}/${name}`)?.trim();
    return raw ? withSlash(placeholders(raw).trim()) : null;
  };
  const usable = (path: string, url: string | null, what: string): string | null => {
    if (url === null || isWebUrl(url)) return url;
    problems.push(`web/${kind}/${path} of store ${scope.storeId} is not an absolute http(s) URL: ${what} left empty`);
    return null;
  };

  const baseUrl = overrides.baseUrl ?? usable('base_url', setting('base_url'), 'product links and photos');
  const storeLink = overrides.baseUrl ?? usable('base_link_url', setting('base_link_url') ?? baseUrl, 'product links');
  const storeMedia = overrides.baseUrl ? `${overrides.baseUrl}media/` : usable('base_media_url', setting('base_media_url') ?? (baseUrl && `${baseUrl}media/`), 'photos');
  let linkBase = storeLink;
  if (linkBase !== null && get('web/seo/use_rewrites') === '0') linkBase += 'index.php/';
  if (linkBase !== null && get('web/url/use_store') === '1') linkBase += `${encodeURIComponent(scope.storeCode)}/`;

  const suffix = config.has('catalog/seo/product_url_suffix') ? get('catalog/seo/product_url_suffix')!.trim() : DEFAULT_SUFFIX;
  return { timeZone, linkBase, mediaBase: overrides.mediaBaseUrl ?? storeMedia, productUrlSuffix: suffix, problems: [...new Set(problems)] };
}

/** Each path's value at the narrowest scope that sets it (store, website, default); NULL values do not count. */
async function readScopedConfig(runner: QueryRunner, tables: Pick<ShopProfile, 'tablePrefix'>, scope: StorefrontScope): Promise<Map<ConfigPath, string>> {
  const rows: Array<{ path: ConfigPath; value: string; rank: number }> = await runner.query(
    `SELECT path, value, CASE scope WHEN 'stores' THEN 0 WHEN 'websites' THEN 1 ELSE 2 END AS \`rank\`
       FROM ${table(tables, 'core_config_data')}
      WHERE path IN (?) AND value IS NOT NULL
        AND ((scope = 'stores' AND scope_id = ?) OR (scope = 'websites' AND scope_id = ?) OR (scope = 'default' AND scope_id = 0))
      ORDER BY \`rank\` DESC, config_id`,
    [PATHS, scope.storeId, scope.websiteId],
  );
  // Ascending specificity: a narrower scope's row, read later, replaces a wider one's.
  return new Map(rows.map((row) => [row.path, String(row.value)]));
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A formatter per zone: making one costs ~0.2 ms, and every page asks for today. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** Today's calendar date in the zone, as "YYYY-MM-DD" (the form Magento's DATE columns compare with). */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(now);
}
