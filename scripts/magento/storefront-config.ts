import type { Connection } from 'mysql2/promise';
import { METADATA_TIMESTAMP, WEBSITES, type MagentoMetadata } from './metadata';
import type { MagentoShape } from './schema';

export type ConfigScope = 'default' | 'websites' | 'stores';

/** One core_config_data row. */
export interface ConfigRow {
  scope: ConfigScope;
  scopeId: number;
  path: string;
  value: string | null;
}

/** One eav_attribute_option_swatch row (type 0 text, 1 hex colour, 2 image). */
export interface SwatchRow {
  optionId: number;
  storeId: number;
  type: 0 | 1 | 2;
  value: string;
}

/**
 * The two sides of the date line. Whichever is picked, the store's date differs from the UTC date
 * when the catalog is generated (and for at least the next hour), so a reader that takes "today"
 * in UTC sees sales open or close a day off.
 */
const AHEAD_OF_UTC = 'Pacific/Kiritimati'; // UTC+14: a day ahead from 10:00 UTC on
const BEHIND_UTC = 'Pacific/Pago_Pago'; // UTC−11: a day behind until 11:00 UTC

/** Store 1's timezone (set on its website) and store 2's (set on the store itself). */
export function storeTimezones(now: Date): { base: string; second: string } {
  return now.getUTCHours() >= 10 ? { base: AHEAD_OF_UTC, second: BEHIND_UTC } : { base: BEHIND_UTC, second: AHEAD_OF_UTC };
}

/** The calendar date ('YYYY-MM-DD') at `now` in an IANA timezone. */
export function dateInZone(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** 'YYYY-MM-DD' plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const ms = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

const { base, second } = WEBSITES;

/**
 * Base URLs, URL options and timezones as a shop configures them across scopes:
 * - store 1 (website base): secure URLs in the frontend (default scope), its website's own secure
 *   base URL, which the default link and media URLs reach through {{secure_base_url}}; the store
 *   code in URLs (web/url/use_store, default scope); suffix ".html" (default scope); the timezone
 *   on its website;
 * - store 2 (website second): plain http (use_in_frontend 0 on the store), its website's unsecure
 *   base URL, a link URL of {{base_url}} on the store, no unsecure media URL at all (so: base URL +
 *   "media/"), no rewrites (index.php/ in links, on its website), suffix "/" on the store, its own
 *   timezone on the store. ({{base_url}} only where the storefront is plain http: for an https
 *   storefront, whether it means the secure or the unsecure base URL is a reading of the rule.)
 * - the default scope keeps a third timezone and base URLs neither store uses.
 */
export function storefrontConfigRows(timezones: { base: string; second: string }): ConfigRow[] {
  const row = (scope: ConfigScope, scopeId: number, path: string, value: string | null): ConfigRow => ({ scope, scopeId, path, value });
  return [
    row('default', 0, 'web/unsecure/base_url', 'http://magento.example.test/'),
    row('default', 0, 'web/secure/base_url', 'https://magento.example.test/'),
    row('default', 0, 'web/unsecure/base_link_url', '{{unsecure_base_url}}'),
    row('default', 0, 'web/secure/base_link_url', '{{secure_base_url}}'),
    row('default', 0, 'web/secure/base_media_url', '{{secure_base_url}}media/'),
    row('default', 0, 'web/secure/use_in_frontend', '1'),
    row('default', 0, 'web/seo/use_rewrites', '1'),
    row('default', 0, 'web/url/use_store', '1'),
    row('default', 0, 'catalog/seo/product_url_suffix', '.html'),
    row('default', 0, 'general/locale/timezone', 'Europe/Berlin'),
    row('websites', base.websiteId, 'web/secure/base_url', 'https://www.lookbook-fashion.test/'),
    row('websites', base.websiteId, 'web/unsecure/base_url', 'http://www.lookbook-fashion.test/'),
    row('websites', base.websiteId, 'general/locale/timezone', timezones.base),
    row('websites', second.websiteId, 'web/unsecure/base_url', 'http://de.lookbook-fashion.test/'),
    row('websites', second.websiteId, 'web/secure/base_url', 'https://de.lookbook-fashion.test/'),
    row('websites', second.websiteId, 'web/seo/use_rewrites', '0'),
    row('stores', second.storeId, 'web/secure/use_in_frontend', '0'),
    row('stores', second.storeId, 'web/unsecure/base_link_url', '{{base_url}}'),
    row('stores', second.storeId, 'catalog/seo/product_url_suffix', '/'),
    row('stores', second.storeId, 'general/locale/timezone', timezones.second),
  ];
}

/** Hex colours of the colour options; the exceptions below give the other swatch kinds. */
const COLOR_HEX: Record<string, string> = {
  Black: '#000000', White: '#ffffff', Gray: '#8f8f8f', Navy: '#1b2a4a', Blue: '#0000ff', Red: '#d0021b', Green: '#2e8b57',
  Olive: '#6b8e23', Brown: '#7b4b2a', Purple: '#6a0dad', Yellow: '#ffd500',
};

/**
 * Colour swatches as shops keep them: hex colours at the admin scope, one replaced for store 1
 * (Blue), one for store 2 only (Green), a text swatch (Beige), an image swatch (Pink) and a colour
 * without any (Orange); sizes carry text swatches, which no colour reader may pick up.
 */
export function swatchRows(metadata: MagentoMetadata): SwatchRow[] {
  const colors = metadata.product.color.options;
  const rows: SwatchRow[] = Object.entries(COLOR_HEX).map(([label, hex]) => ({ optionId: colors[label], storeId: 0, type: 1, value: hex }));
  rows.push(
    { optionId: colors.Blue, storeId: base.storeId, type: 1, value: '#1857f7' },
    { optionId: colors.Green, storeId: second.storeId, type: 1, value: '#00a86b' },
    { optionId: colors.Beige, storeId: 0, type: 0, value: 'Beige' },
    { optionId: colors.Pink, storeId: 0, type: 2, value: '/p/i/pink-swatch.png' },
  );
  for (const [label, optionId] of Object.entries(metadata.product.size.options)) rows.push({ optionId, storeId: 0, type: 0, value: label });
  return rows;
}

/** Writes the storefront configuration and the swatches. */
export async function insertStorefrontConfig(conn: Connection, shape: MagentoShape, config: ConfigRow[], swatches: SwatchRow[]): Promise<void> {
  await conn.query(`INSERT INTO ${shape.table('core_config_data')} (scope, scope_id, path, value, updated_at) VALUES ?`, [
    config.map((row) => [row.scope, row.scopeId, row.path, row.value, METADATA_TIMESTAMP]),
  ]);
  await conn.query(`INSERT INTO ${shape.table('eav_attribute_option_swatch')} (option_id, store_id, type, value) VALUES ?`, [
    swatches.map((row) => [row.optionId, row.storeId, row.type, row.value]),
  ]);
}

/**
 * The categories' own URL rewrites (entity type "category"), written after the products' (whose
 * ids the generator numbers itself). Category ids overlap product ids: a reader must filter on the type.
 */
export async function insertCategoryRewrites(conn: Connection, shape: MagentoShape, categoryIds: number[]): Promise<void> {
  if (categoryIds.length === 0) return;
  await conn.query(
    `INSERT INTO ${shape.table('url_rewrite')} (entity_type, entity_id, request_path, target_path, redirect_type, store_id, is_autogenerated, metadata) VALUES ?`,
    [categoryIds.map((id) => ['category', id, `category-${id}.html`, `catalog/category/view/id/${id}`, 0, base.storeId, 1, null])],
  );
}
