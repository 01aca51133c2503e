import { AppConfig } from '../../../config/app-config';
import { ExplainedFailure } from '../../../database/database-failure';
import type { MagentoMetadata } from './magento-metadata';
import type { Storefront } from './storefront';

export type Edition = 'open-source' | 'commerce';

/** The column that product (or category) values and parent links hang on. */
export type LinkField = 'entity_id' | 'row_id';

/** The stock a store's website sells from, resolved to what the queries need. */
export type StockProfile =
  | { source: 'legacy' }
  | {
      source: 'msi';
      stockId: number;
      stockName: string;
      /** Enabled sources linked to the stock: only their quantities count. */
      sourceCodes: string[];
      /** The configured out-of-stock threshold for items that use the configuration (core_config_data). */
      defaultMinQty: string;
    };

/**
 * The shape of one shop, resolved from its schema and configuration once per job: which edition,
 * which store, website and stock, what the tables are called and which attributes exist. The
 * query builders take it, so no query has to know which kind of shop it runs on.
 */
export interface ShopProfile {
  edition: Edition;
  /** row_id on Adobe Commerce (content staging: one row per product version), entity_id otherwise. */
  productLink: LinkField;
  categoryLink: LinkField;
  tablePrefix: string;
  storeId: number;
  website: { id: number; code: string };
  /** The store's root category (its store group's): category paths are named below it. */
  rootCategoryId: number;
  stock: StockProfile;
  includeNotVisible: boolean;
  attributes: MagentoMetadata;
  storefront: Storefront;
  /** The optional tables the shop has (a module switched off drops its own). */
  optionalTables: ReadonlySet<OptionalTable>;
}

/** Every table the reader reads. shop:check lists the missing ones, the reader refuses to start without them. */
export const REQUIRED_TABLES = [
  'store', 'store_group', 'store_website', 'eav_entity_type', 'eav_attribute', 'eav_attribute_option', 'eav_attribute_option_value',
  'catalog_product_entity', 'catalog_product_entity_int', 'catalog_product_entity_varchar',
  'catalog_product_entity_decimal', 'catalog_product_entity_text', 'catalog_product_website',
  'catalog_product_super_link', 'catalog_category_product', 'catalog_category_entity',
  'catalog_category_entity_varchar', 'cataloginventory_stock_item',
] as const;
export const MSI_TABLES = [
  'inventory_source', 'inventory_source_item', 'inventory_source_stock_link', 'inventory_stock',
  'inventory_stock_sales_channel', 'inventory_reservation',
] as const;
/** Read when present: the configured defaults (out-of-stock threshold). */
export const CONFIG_TABLE = 'core_config_data';
/**
 * Read when present, each for one field of what the shopper sees: photos, tier and catalog rule
 * prices, URL rewrites, colour swatches. Without one the field is empty (shop:check says so).
 */
export const OPTIONAL_TABLES = [
  'catalog_product_entity_datetime', 'catalog_product_entity_media_gallery', 'catalog_product_entity_media_gallery_value',
  'catalog_product_entity_media_gallery_value_to_entity', 'catalog_product_entity_tier_price', 'catalogrule_product_price',
  'url_rewrite', 'eav_attribute_option_swatch',
] as const;
export type OptionalTable = (typeof OPTIONAL_TABLES)[number];

export type MagentoTable = (typeof REQUIRED_TABLES)[number] | (typeof MSI_TABLES)[number] | typeof CONFIG_TABLE | OptionalTable;

/** Whether the shop has every one of the tables. */
export function hasTables(profile: Pick<ShopProfile, 'optionalTables'>, ...names: OptionalTable[]): boolean {
  return names.every((name) => profile.optionalTables.has(name));
}

/** A table's name as the shop calls it, quoted for SQL. The prefix is validated at boot (letters, digits, _). */
export function table(profile: Pick<ShopProfile, 'tablePrefix'>, name: MagentoTable): string {
  return `\`${profile.tablePrefix}${name}\``;
}

/**
 * SQL that keeps only a product's version live now, for the alias of a catalog_product_entity row.
 * On Adobe Commerce a product has one row per staged version (created_in ≤ now < updated_in, in
 * the Magento server's clock); Open Source has one row per product and needs no test.
 */
export function liveProductVersion(profile: ShopProfile, alias: string): string {
  return profile.productLink === 'row_id' ? liveVersion(alias) : 'TRUE';
}

export function liveCategoryVersion(profile: ShopProfile, alias: string): string {
  return profile.categoryLink === 'row_id' ? liveVersion(alias) : 'TRUE';
}

/**
 * "+ 0" keeps the optimizer off the created_in / updated_in indexes: offered those ranges, it read
 * every version in the table and sorted them (48,985 rows for a page of 1,000, 210 ms) instead of
 * walking entity_id from the cursor.
 */
function liveVersion(alias: string): string {
  return `(${alias}.created_in + 0 <= UNIX_TIMESTAMP() AND ${alias}.updated_in + 0 > UNIX_TIMESTAMP())`;
}

/** A problem with the shop as configured, in words safe to show an admin (table and setting names only). */
export class ShopProfileError extends ExplainedFailure {}

export type MagentoSettings = Pick<AppConfig['magento'], 'storeId' | 'stockSource' | 'includeNotVisible' | 'tablePrefix' | 'baseUrl' | 'mediaBaseUrl'>;

export function describeProfile(profile: ShopProfile): string {
  const edition = profile.edition === 'commerce' ? 'Adobe Commerce (staged row_id versions)' : 'Magento Open Source';
  const stock = profile.stock.source === 'legacy'
    ? 'legacy stock (cataloginventory_stock_item, stock 1)'
    : `multi-source inventory, stock ${profile.stock.stockId} "${profile.stock.stockName}" (enabled sources: ${profile.stock.sourceCodes.join(', ') || 'none'}; default out-of-stock threshold ${profile.stock.defaultMinQty})`;
  const prefix = profile.tablePrefix ? `table prefix "${profile.tablePrefix}"` : 'no table prefix';
  return `${edition}; store ${profile.storeId} in website "${profile.website.code}" (${profile.website.id}), root category ${profile.rootCategoryId}; ${stock}; ${prefix}`;
}
