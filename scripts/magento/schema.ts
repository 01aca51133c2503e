import type { Connection } from 'mysql2/promise';

/**
 * The Magento 2.4 tables a product reader touches, as Magento's db_schema.xml files declare them
 * (Catalog, Eav, Store, Config, CatalogInventory, ConfigurableProduct, Inventory*, CatalogRule,
 * UrlRewrite, Swatches): same column
 * names, types, signedness, primary/unique keys and index names.
 *
 * Two editions:
 * - 'open-source': products and categories keyed by entity_id;
 * - 'commerce' (Adobe Commerce with content staging): catalog_product_entity and
 *   catalog_category_entity have one row per version (`row_id` primary key, `entity_id` from the
 *   sequence_* tables, `created_in`/`updated_in` version bounds), their EAV value tables are keyed by
 *   row_id, and so are the parent sides of super links, relations and super attributes.
 * A table prefix (Magento's install option) goes on every table name; index names stay Magento's,
 * which is allowed because index names are per table.
 *
 * Foreign keys are left out on purpose: they slow bulk seeding down and a source reader never
 * relies on them. Where 2.4 differs from older 2.x releases we follow 2.4: product decimals are
 * decimal(20,6) (2.3 used 12,4) and product text values are mediumtext.
 */
const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci';

export type MagentoEdition = 'open-source' | 'commerce';

export interface SchemaOptions {
  edition: MagentoEdition;
  /** Put in front of every table name, e.g. 'mg_'. Letters, digits and underscores only. */
  tablePrefix: string;
}

export const DEFAULT_SCHEMA_OPTIONS: SchemaOptions = { edition: 'open-source', tablePrefix: '' };

/** Staging version bounds: created_in of an original row, updated_in of an open-ended one. */
export const STAGING_ORIGIN = 1;
export const STAGING_OPEN_END = 2147483647;

/** The shape of one Magento database as far as writing rows is concerned. */
export class MagentoShape {
  readonly edition: MagentoEdition;
  readonly tablePrefix: string;

  constructor(options: Partial<SchemaOptions> = {}) {
    const edition = options.edition ?? DEFAULT_SCHEMA_OPTIONS.edition;
    const tablePrefix = options.tablePrefix ?? DEFAULT_SCHEMA_OPTIONS.tablePrefix;
    if (edition !== 'open-source' && edition !== 'commerce') throw new Error(`edition must be "open-source" or "commerce", got "${edition}"`);
    if (!/^[A-Za-z0-9_]*$/.test(tablePrefix)) throw new Error(`table prefix may hold letters, digits and underscores only, got "${tablePrefix}"`);
    this.edition = edition;
    this.tablePrefix = tablePrefix;
  }

  get staged(): boolean {
    return this.edition === 'commerce';
  }

  /** The column product and category values hang on: row_id when staged, else entity_id. */
  get linkField(): 'row_id' | 'entity_id' {
    return this.staged ? 'row_id' : 'entity_id';
  }

  /** A Magento table's name in this database, backquoted for SQL. */
  table(name: string): string {
    return `\`${this.tablePrefix}${name}\``;
  }
}

const productValueTable = (t: (name: string) => string, link: string, suffix: string, valueType: string, extraIndexes: string[] = []) => {
  const upper = `CATALOG_PRODUCT_ENTITY_${suffix.toUpperCase()}`;
  return `CREATE TABLE \`${t(`catalog_product_entity_${suffix}`)}\` (
  value_id int(11) NOT NULL AUTO_INCREMENT,
  attribute_id smallint(5) unsigned NOT NULL DEFAULT 0,
  store_id smallint(5) unsigned NOT NULL DEFAULT 0,
  ${link} int(10) unsigned NOT NULL DEFAULT 0,
  value ${valueType} DEFAULT NULL,
  PRIMARY KEY (value_id),
  UNIQUE KEY ${upper}_${link.toUpperCase()}_ATTRIBUTE_ID_STORE_ID (${link}, attribute_id, store_id),
  KEY ${upper}_ATTRIBUTE_ID (attribute_id),
  KEY ${upper}_STORE_ID (store_id)${extraIndexes.map((index) => `,\n  ${index}`).join('')}
) ${TABLE_OPTIONS}`;
};

/** The version columns and keys a staged entity table has in front of its own columns. */
const stagedColumns = (staged: boolean) =>
  staged
    ? `row_id int(10) unsigned NOT NULL AUTO_INCREMENT,
  entity_id int(10) unsigned NOT NULL,
  created_in bigint(20) unsigned NOT NULL DEFAULT ${STAGING_ORIGIN},
  updated_in bigint(20) unsigned NOT NULL DEFAULT ${STAGING_OPEN_END},`
    : 'entity_id int(10) unsigned NOT NULL AUTO_INCREMENT,';

const stagedKeys = (staged: boolean, upper: string) =>
  staged
    ? `PRIMARY KEY (row_id),
  KEY ${upper}_ENTITY_ID_CREATED_IN_UPDATED_IN (entity_id, created_in, updated_in),
  KEY ${upper}_CREATED_IN (created_in),
  KEY ${upper}_UPDATED_IN (updated_in),`
    : 'PRIMARY KEY (entity_id),';

/** CREATE TABLE statements for one database of the given shape, in creation order. */
export function magentoDdl(options: Partial<SchemaOptions> = {}): string[] {
  const shape = new MagentoShape(options);
  const t = (name: string) => `${shape.tablePrefix}${name}`;
  const staged = shape.staged;
  const link = shape.linkField;
  return [
  `CREATE TABLE \`${t('store_website')}\` (
  website_id smallint(5) unsigned NOT NULL AUTO_INCREMENT,
  code varchar(32) DEFAULT NULL,
  name varchar(64) DEFAULT NULL,
  sort_order smallint(5) unsigned NOT NULL DEFAULT 0,
  default_group_id smallint(5) unsigned NOT NULL DEFAULT 0,
  is_default smallint(5) unsigned DEFAULT 0,
  PRIMARY KEY (website_id),
  UNIQUE KEY STORE_WEBSITE_CODE (code),
  KEY STORE_WEBSITE_SORT_ORDER (sort_order),
  KEY STORE_WEBSITE_DEFAULT_GROUP_ID (default_group_id)
) ${TABLE_OPTIONS}`,

  `CREATE TABLE \`${t('store')}\` (
  store_id smallint(5) unsigned NOT NULL AUTO_INCREMENT,
  code varchar(32) DEFAULT NULL,
  website_id smallint(5) unsigned NOT NULL DEFAULT 0,
  group_id smallint(5) unsigned NOT NULL DEFAULT 0,
  name varchar(255) NOT NULL,
  sort_order smallint(5) unsigned NOT NULL DEFAULT 0,
  is_active smallint(5) unsigned NOT NULL DEFAULT 0,
  PRIMARY KEY (store_id),
  UNIQUE KEY STORE_CODE (code),
  KEY STORE_WEBSITE_ID (website_id),
  KEY STORE_IS_ACTIVE_SORT_ORDER (is_active, sort_order),
  KEY STORE_GROUP_ID (group_id)
) ${TABLE_OPTIONS}`,

  `CREATE TABLE \`${t('eav_entity_type')}\` (
  entity_type_id smallint(5) unsigned NOT NULL AUTO_INCREMENT,
  entity_type_code varchar(50) NOT NULL,
  entity_model varchar(255) NOT NULL,
  attribute_model varchar(255) DEFAULT NULL,
  entity_table varchar(255) DEFAULT NULL,
  value_table_prefix varchar(255) DEFAULT NULL,
  entity_id_field varchar(255) DEFAULT NULL,
  is_data_sharing smallint(5) unsigned NOT NULL DEFAULT 1,
  data_sharing_key varchar(100) DEFAULT 'default',
  default_attribute_set_id smallint(5) unsigned NOT NULL DEFAULT 0,
  increment_model varchar(255) DEFAULT NULL,
  increment_per_store smallint(5) unsigned NOT NULL DEFAULT 0,
  increment_pad_length smallint(5) unsigned NOT NULL DEFAULT 8,
  increment_pad_char varchar(1) NOT NULL DEFAULT '0',
  additional_attribute_table varchar(255) DEFAULT NULL,
  entity_attribute_collection varchar(255) DEFAULT NULL,
  PRIMARY KEY (entity_type_id),
  KEY EAV_ENTITY_TYPE_ENTITY_TYPE_CODE (entity_type_code)
) ${TABLE_OPTIONS}`,

  `CREATE TABLE \`${t('eav_attribute')}\` (
  attribute_id smallint(5) unsigned NOT NULL AUTO_INCREMENT,
  entity_type_id smallint(5) unsigned NOT NULL DEFAULT 0,
  attribute_code varchar(255) NOT NULL,
  attribute_model varchar(255) DEFAULT NULL,
  backend_model varchar(255) DEFAULT NULL,
  backend_type varchar(8) NOT NULL DEFAULT 'static',
  backend_table varchar(255) DEFAULT NULL,
  frontend_model varchar(255) DEFAULT NULL,
  frontend_input varchar(50) DEFAULT NULL,
  frontend_label varchar(255) DEFAULT NULL,
  frontend_class varchar(255) DEFAULT NULL,
  source_model varchar(255) DEFAULT NULL,
  is_required smallint(5) unsigned NOT NULL DEFAULT 0,
  is_user_defined smallint(5) unsigned NOT NULL DEFAULT 0,
  default_value text DEFAULT NULL,
  is_unique smallint(5) unsigned NOT NULL DEFAULT 0,
  note varchar(255) DEFAULT NULL,
  PRIMARY KEY (attribute_id),
  UNIQUE KEY EAV_ATTRIBUTE_ENTITY_TYPE_ID_ATTRIBUTE_CODE (entity_type_id, attribute_code),
  KEY EAV_ATTRIBUTE_FRONTEND_INPUT_ENTITY_TYPE_ID_IS_USER_DEFINED (frontend_input, entity_type_id, is_user_defined)
) ${TABLE_OPTIONS}`,

  `CREATE TABLE \`${t('catalog_eav_attribute')}\` (
  attribute_id smallint(5) unsigned NOT NULL,
  frontend_input_renderer varchar(255) DEFAULT NULL,
  is_global smallint(5) unsigned NOT NULL DEFAULT 1,
  is_visible smallint(5) unsigned NOT NULL DEFAULT 1,
  is_searchable smallint(5) unsigned NOT NULL DEFAULT 0,
  is_filterable smallint(5) unsigned NOT NULL DEFAULT 0,
  is_comparable smallint(5) unsigned NOT NULL DEFAULT 0,
  is_visible_on_front smallint(5) unsigned NOT NULL DEFAULT 0,
  is_html_allowed_on_front smallint(5) unsigned NOT NULL DEFAULT 0,
  is_used_for_price_rules smallint(5) unsigned NOT NULL DEFAULT 0,
  is_filterable_in_search smallint(5) unsigned NOT NULL DEFAULT 0,
  used_in_product_listing smallint(5) unsigned NOT NULL DEFAULT 0,
  used_for_sort_by smallint(5) unsigned NOT NULL DEFAULT 0,
  apply_to varchar(255) DEFAULT NULL,
  is_visible_in_advanced_search smallint(5) unsigned NOT NULL DEFAULT 0,
  position int(11) NOT NULL DEFAULT 0,
  is_wysiwyg_enabled smallint(5) unsigned NOT NULL DEFAULT 0,
  is_used_for_promo_rules smallint(5) unsigned NOT NULL DEFAULT 0,
  is_required_in_admin_store smallint(5) unsigned NOT NULL DEFAULT 0,
  is_used_in_grid smallint(5) unsigned NOT NULL DEFAULT 0,
  is_visible_in_grid smallint(5) unsigned NOT NULL DEFAULT 0,
  is_filterable_in_grid smallint(5) unsigned NOT NULL DEFAULT 0,
  PRIMARY KEY (attribute_id),
  KEY CATALOG_EAV_ATTRIBUTE_USED_FOR_SORT_BY (used_for_sort_by),
  KEY CATALOG_EAV_ATTRIBUTE_USED_IN_PRODUCT_LISTING (used_in_product_listing)
) ${TABLE_OPTIONS}`,

  `CREATE TABLE \`${t('eav_attribute_option')}\` (
  option_id int(10) unsigned NOT NULL AUTO_INCREMENT,
  attribute_id smallint(5) unsigned NOT NULL DEFAULT 0,
  sort_order smallint(5) unsigned NOT NULL DEFAULT 0,
  PRIMARY KEY (option_id),
  KEY EAV_ATTRIBUTE_OPTION_ATTRIBUTE_ID (attribute_id)
) ${TABLE_OPTIONS}`,

  `CREATE TABLE \`${t('eav_attribute_option_value')}\` (
  value_id int(10) unsigned NOT NULL AUTO_INCREMENT,
  option_id int(10) unsigned NOT NULL DEFAULT 0,
  store_id smallint(5) unsigned NOT NULL DEFAULT 0,
  value varchar(255) DEFAULT NULL,
  PRIMARY KEY (value_id),
  KEY EAV_ATTRIBUTE_OPTION_VALUE_OPTION_ID (option_id),
  KEY EAV_ATTRIBUTE_OPTION_VALUE_STORE_ID (store_id)
) ${TABLE_OPTIONS}`,

  `CREATE TABLE \`${t('store_group')}\` (
  group_id smallint(5) unsigned NOT NULL AUTO_INCREMENT,
  website_id smallint(5) unsigned NOT NULL DEFAULT 0,
  name varchar(255) NOT NULL,
  root_category_id int(10) unsigned NOT NULL DEFAULT 0,
  default_store_id smallint(5) unsigned NOT NULL DEFAULT 0,
  code varchar(32) DEFAULT NULL,
  PRIMARY KEY (group_id),
  UNIQUE KEY STORE_GROUP_CODE (code),
  KEY STORE_GROUP_WEBSITE_ID (website_id),
  KEY STORE_GROUP_DEFAULT_STORE_ID (default_store_id)
) ${TABLE_OPTIONS}`,

  `CREATE TABLE \`${t('core_config_data')}\` (
  config_id int(10) unsigned NOT NULL AUTO_INCREMENT,
  scope varchar(8) NOT NULL DEFAULT 'default',
  scope_id int(11) NOT NULL DEFAULT 0,
  path varchar(255) NOT NULL DEFAULT 'general',
  value text DEFAULT NULL,
  updated_at timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  PRIMARY KEY (config_id),
  UNIQUE KEY CORE_CONFIG_DATA_SCOPE_SCOPE_ID_PATH (scope, scope_id, path)
) ${TABLE_OPTIONS}`,

  `CREATE TABLE \`${t('catalog_product_entity')}\` (
  ${stagedColumns(staged)}
  attribute_set_id smallint(5) unsigned NOT NULL DEFAULT 0,
  type_id varchar(32) NOT NULL DEFAULT 'simple',
  sku varchar(64) DEFAULT NULL,
  has_options smallint(6) NOT NULL DEFAULT 0,
  required_options smallint(5) unsigned NOT NULL DEFAULT 0,
  created_at timestamp NOT NULL DEFAULT current_timestamp(),
  updated_at timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  ${stagedKeys(staged, 'CATALOG_PRODUCT_ENTITY')}
  KEY CATALOG_PRODUCT_ENTITY_ATTRIBUTE_SET_ID (attribute_set_id),
  KEY CATALOG_PRODUCT_ENTITY_SKU (sku)
) ${TABLE_OPTIONS}`,

  productValueTable(t, link, 'datetime', 'datetime'),
  productValueTable(t, link, 'decimal', 'decimal(20,6)'),
  productValueTable(t, link, 'int', 'int(11)', [
    'KEY CATALOG_PRODUCT_ENTITY_INT_ATTRIBUTE_ID_STORE_ID_VALUE (attribute_id, store_id, value)',
  ]),
  productValueTable(t, link, 'text', 'mediumtext'),
  productValueTable(t, link, 'varchar', 'varchar(255)'),

  `CREATE TABLE \`${t('catalog_product_website')}\` (
  product_id int(10) unsigned NOT NULL,
  website_id smallint(5) unsigned NOT NULL,
  PRIMARY KEY (product_id, website_id),
  KEY CATALOG_PRODUCT_WEBSITE_WEBSITE_ID (website_id)
) ${TABLE_OPTIONS}`,

  `CREATE TABLE \`${t('cataloginventory_stock_item')}\` (
  item_id int(10) unsigned NOT NULL AUTO_INCREMENT,
  product_id int(10) unsigned NOT NULL DEFAULT 0,
  stock_id smallint(5) unsigned NOT NULL DEFAULT 0,
  qty decimal(12,4) DEFAULT NULL,
  min_qty decimal(12,4) NOT NULL DEFAULT 0.0000,
  use_config_min_qty smallint(5) unsigned NOT NULL DEFAULT 1,
  is_qty_decimal smallint(5) unsigned NOT NULL DEFAULT 0,
  backorders smallint(5) unsigned NOT NULL DEFAULT 0,
  use_config_backorders smallint(5) unsigned NOT NULL DEFAULT 1,
  min_sale_qty decimal(12,4) NOT NULL DEFAULT 1.0000,
  use_config_min_sale_qty smallint(5) unsigned NOT NULL DEFAULT 1,
  max_sale_qty decimal(12,4) NOT NULL DEFAULT 0.0000,
  use_config_max_sale_qty smallint(5) unsigned NOT NULL DEFAULT 1,
  is_in_stock smallint(5) unsigned NOT NULL DEFAULT 0,
  low_stock_date timestamp NULL DEFAULT NULL,
  notify_stock_qty decimal(12,4) DEFAULT NULL,
  use_config_notify_stock_qty smallint(5) unsigned NOT NULL DEFAULT 1,
  manage_stock smallint(5) unsigned NOT NULL DEFAULT 0,
  use_config_manage_stock smallint(5) unsigned NOT NULL DEFAULT 1,
  stock_status_changed_auto smallint(5) unsigned NOT NULL DEFAULT 0,
  use_config_qty_increments smallint(5) unsigned NOT NULL DEFAULT 1,
  qty_increments decimal(12,4) NOT NULL DEFAULT 0.0000,
  use_config_enable_qty_inc smallint(5) unsigned NOT NULL DEFAULT 1,
  enable_qty_increments smallint(5) unsigned NOT NULL DEFAULT 0,
  is_decimal_divided smallint(5) unsigned NOT NULL DEFAULT 0,
  website_id smallint(5) unsigned NOT NULL DEFAULT 0,
  PRIMARY KEY (item_id),
  UNIQUE KEY CATALOGINVENTORY_STOCK_ITEM_PRODUCT_ID_STOCK_ID (product_id, stock_id),
  KEY CATALOGINVENTORY_STOCK_ITEM_WEBSITE_ID (website_id),
  KEY CATALOGINVENTORY_STOCK_ITEM_STOCK_ID (stock_id)
) ${TABLE_OPTIONS}`,

  `CREATE TABLE \`${t('inventory_source_item')}\` (
  source_item_id int(10) unsigned NOT NULL AUTO_INCREMENT,
  source_code varchar(255) NOT NULL,
  sku varchar(64) NOT NULL,
  quantity decimal(12,4) NOT NULL DEFAULT 0.0000,
  status smallint(5) unsigned NOT NULL DEFAULT 0,
  PRIMARY KEY (source_item_id),
  UNIQUE KEY INVENTORY_SOURCE_ITEM_SOURCE_CODE_SKU (source_code, sku),
  KEY INVENTORY_SOURCE_ITEM_SKU_SOURCE_CODE_QUANTITY (sku, source_code, quantity)
) ${TABLE_OPTIONS}`,

  `CREATE TABLE \`${t('catalog_product_super_attribute')}\` (
  product_super_attribute_id int(10) unsigned NOT NULL AUTO_INCREMENT,
  product_id int(10) unsigned NOT NULL DEFAULT 0,
  attribute_id smallint(5) unsigned NOT NULL DEFAULT 0,
  position smallint(5) unsigned NOT NULL DEFAULT 0,
  PRIMARY KEY (product_super_attribute_id),
  UNIQUE KEY CATALOG_PRODUCT_SUPER_ATTRIBUTE_PRODUCT_ID_ATTRIBUTE_ID (product_id, attribute_id)
) ${TABLE_OPTIONS}`,

  `CREATE TABLE \`${t('catalog_product_super_link')}\` (
  link_id int(10) unsigned NOT NULL AUTO_INCREMENT,
  product_id int(10) unsigned NOT NULL DEFAULT 0,
  parent_id int(10) unsigned NOT NULL DEFAULT 0,
  PRIMARY KEY (link_id),
  UNIQUE KEY CATALOG_PRODUCT_SUPER_LINK_PRODUCT_ID_PARENT_ID (product_id, parent_id),
  KEY CATALOG_PRODUCT_SUPER_LINK_PARENT_ID (parent_id)
) ${TABLE_OPTIONS}`,

  `CREATE TABLE \`${t('catalog_product_relation')}\` (
  parent_id int(10) unsigned NOT NULL,
  child_id int(10) unsigned NOT NULL,
  PRIMARY KEY (parent_id, child_id),
  KEY CATALOG_PRODUCT_RELATION_CHILD_ID (child_id)
) ${TABLE_OPTIONS}`,


  `CREATE TABLE \`${t('inventory_source')}\` (
  source_code varchar(255) NOT NULL,
  name varchar(255) NOT NULL,
  enabled smallint(5) unsigned NOT NULL DEFAULT 1,
  description text DEFAULT NULL,
  latitude decimal(8,6) DEFAULT NULL,
  longitude decimal(9,6) DEFAULT NULL,
  country_id varchar(2) NOT NULL,
  region_id int(10) unsigned DEFAULT NULL,
  region varchar(255) DEFAULT NULL,
  city varchar(255) DEFAULT NULL,
  street varchar(255) DEFAULT NULL,
  postcode varchar(255) NOT NULL,
  contact_name varchar(255) DEFAULT NULL,
  email varchar(255) DEFAULT NULL,
  phone varchar(255) DEFAULT NULL,
  fax varchar(255) DEFAULT NULL,
  use_default_carrier_config smallint(5) unsigned NOT NULL DEFAULT 1,
  PRIMARY KEY (source_code)
) ${TABLE_OPTIONS}`,

  `CREATE TABLE \`${t('inventory_stock')}\` (
  stock_id int(10) unsigned NOT NULL AUTO_INCREMENT,
  name varchar(255) NOT NULL,
  PRIMARY KEY (stock_id)
) ${TABLE_OPTIONS}`,

  `CREATE TABLE \`${t('inventory_source_stock_link')}\` (
  link_id int(10) unsigned NOT NULL AUTO_INCREMENT,
  stock_id int(10) unsigned NOT NULL,
  source_code varchar(255) NOT NULL,
  priority smallint(5) unsigned NOT NULL,
  PRIMARY KEY (link_id),
  UNIQUE KEY INVENTORY_SOURCE_STOCK_LINK_STOCK_ID_SOURCE_CODE (stock_id, source_code),
  KEY INVENTORY_SOURCE_STOCK_LINK_STOCK_ID_PRIORITY (stock_id, priority)
) ${TABLE_OPTIONS}`,

  `CREATE TABLE \`${t('inventory_stock_sales_channel')}\` (
  type varchar(64) NOT NULL,
  code varchar(64) NOT NULL,
  stock_id int(10) unsigned NOT NULL,
  PRIMARY KEY (type, code),
  KEY INVENTORY_STOCK_SALES_CHANNEL_STOCK_ID (stock_id)
) ${TABLE_OPTIONS}`,

  `CREATE TABLE \`${t('inventory_reservation')}\` (
  reservation_id int(10) unsigned NOT NULL AUTO_INCREMENT,
  stock_id int(10) unsigned NOT NULL,
  sku varchar(64) NOT NULL,
  quantity decimal(10,4) NOT NULL DEFAULT 0.0000,
  metadata varchar(255) DEFAULT NULL,
  PRIMARY KEY (reservation_id),
  KEY INVENTORY_RESERVATION_STOCK_ID_SKU_QUANTITY (stock_id, sku, quantity)
) ${TABLE_OPTIONS}`,


  `CREATE TABLE \`${t('catalog_category_entity')}\` (
  ${stagedColumns(staged)}
  attribute_set_id smallint(5) unsigned NOT NULL DEFAULT 0,
  parent_id int(10) unsigned NOT NULL DEFAULT 0,
  created_at timestamp NOT NULL DEFAULT current_timestamp(),
  updated_at timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  path varchar(255) NOT NULL,
  position int(11) NOT NULL,
  level int(11) NOT NULL DEFAULT 0,
  children_count int(11) NOT NULL,
  ${stagedKeys(staged, 'CATALOG_CATEGORY_ENTITY')}
  KEY CATALOG_CATEGORY_ENTITY_LEVEL (level),
  KEY CATALOG_CATEGORY_ENTITY_PATH (path)
) ${TABLE_OPTIONS}`,

  `CREATE TABLE \`${t('catalog_category_entity_varchar')}\` (
  value_id int(11) NOT NULL AUTO_INCREMENT,
  attribute_id smallint(5) unsigned NOT NULL DEFAULT 0,
  store_id smallint(5) unsigned NOT NULL DEFAULT 0,
  ${link} int(10) unsigned NOT NULL DEFAULT 0,
  value varchar(255) DEFAULT NULL,
  PRIMARY KEY (value_id),
  UNIQUE KEY CATALOG_CATEGORY_ENTITY_VARCHAR_${link.toUpperCase()}_ATTRIBUTE_ID_STORE_ID (${link}, attribute_id, store_id),
  KEY CATALOG_CATEGORY_ENTITY_VARCHAR_${link.toUpperCase()} (${link}),
  KEY CATALOG_CATEGORY_ENTITY_VARCHAR_ATTRIBUTE_ID (attribute_id),
  KEY CATALOG_CATEGORY_ENTITY_VARCHAR_STORE_ID (store_id)
) ${TABLE_OPTIONS}`,

  `CREATE TABLE \`${t('catalog_category_product')}\` (
  entity_id int(11) NOT NULL AUTO_INCREMENT,
  category_id int(10) unsigned NOT NULL DEFAULT 0,
  product_id int(10) unsigned NOT NULL DEFAULT 0,
  position int(11) NOT NULL DEFAULT 0,
  PRIMARY KEY (entity_id, category_id, product_id),
  UNIQUE KEY CATALOG_CATEGORY_PRODUCT_CATEGORY_ID_PRODUCT_ID (category_id, product_id),
  KEY CATALOG_CATEGORY_PRODUCT_PRODUCT_ID (product_id)
) ${TABLE_OPTIONS}`,

  ...storefrontDdl(t, link),
  ...(staged ? stagingDdl(t) : []),
  ];
}

/**
 * What the storefront shows beyond the product's own values (Catalog, CatalogRule, UrlRewrite and
 * Swatches modules): the media gallery with its per-store values, tier prices, the catalog rule
 * price index, URL rewrites and option swatches. Gallery values and tier prices hang on the link
 * column (row_id when staged); rule prices and rewrites on entity_id in both editions.
 */
const storefrontDdl = (t: (name: string) => string, link: string): string[] => [
  `CREATE TABLE \`${t('catalog_product_entity_media_gallery')}\` (
  value_id int(10) unsigned NOT NULL AUTO_INCREMENT,
  attribute_id smallint(5) unsigned NOT NULL DEFAULT 0,
  value varchar(255) DEFAULT NULL,
  media_type varchar(32) NOT NULL DEFAULT 'image',
  disabled smallint(5) unsigned NOT NULL DEFAULT 0,
  PRIMARY KEY (value_id),
  KEY CATALOG_PRODUCT_ENTITY_MEDIA_GALLERY_ATTRIBUTE_ID (attribute_id)
) ${TABLE_OPTIONS}`,

  `CREATE TABLE \`${t('catalog_product_entity_media_gallery_value')}\` (
  value_id int(10) unsigned NOT NULL DEFAULT 0,
  store_id smallint(5) unsigned NOT NULL DEFAULT 0,
  ${link} int(10) unsigned NOT NULL DEFAULT 0,
  label varchar(255) DEFAULT NULL,
  position int(10) unsigned DEFAULT NULL,
  disabled smallint(5) unsigned NOT NULL DEFAULT 0,
  record_id int(10) unsigned NOT NULL AUTO_INCREMENT,
  PRIMARY KEY (record_id),
  KEY CATALOG_PRODUCT_ENTITY_MEDIA_GALLERY_VALUE_STORE_ID (store_id),
  KEY CATALOG_PRODUCT_ENTITY_MEDIA_GALLERY_VALUE_${link.toUpperCase()} (${link}),
  KEY CATALOG_PRODUCT_ENTITY_MEDIA_GALLERY_VALUE_VALUE_ID (value_id),
  KEY CAT_PRD_ENTT_MDA_GLR_VAL_${link === 'row_id' ? 'ROW' : 'ENTT'}_ID_VAL_ID_STORE_ID (${link}, value_id, store_id)
) ${TABLE_OPTIONS}`,

  `CREATE TABLE \`${t('catalog_product_entity_media_gallery_value_to_entity')}\` (
  value_id int(10) unsigned NOT NULL,
  ${link} int(10) unsigned NOT NULL,
  PRIMARY KEY (value_id, ${link}),
  -- The index InnoDB makes for Magento's foreign key to the product: how a product's photos are found.
  KEY CAT_PRD_ENTT_MDA_GLR_VAL_TO_ENTT_${link === 'row_id' ? 'ROW' : 'ENTT'}_ID (${link})
) ${TABLE_OPTIONS}`,

  `CREATE TABLE \`${t('catalog_product_entity_tier_price')}\` (
  value_id int(11) NOT NULL AUTO_INCREMENT,
  ${link} int(10) unsigned NOT NULL DEFAULT 0,
  all_groups smallint(5) unsigned NOT NULL DEFAULT 1,
  customer_group_id int(10) unsigned NOT NULL DEFAULT 0,
  qty decimal(12,4) NOT NULL DEFAULT 1.0000,
  value decimal(20,6) NOT NULL DEFAULT 0.000000,
  website_id smallint(5) unsigned NOT NULL,
  percentage_value decimal(5,2) DEFAULT NULL,
  PRIMARY KEY (value_id),
  UNIQUE KEY UNQ_E8AB433B9ACB00343ABB312AD2FAB087 (${link}, all_groups, customer_group_id, qty, website_id),
  KEY CATALOG_PRODUCT_ENTITY_TIER_PRICE_CUSTOMER_GROUP_ID (customer_group_id),
  KEY CATALOG_PRODUCT_ENTITY_TIER_PRICE_WEBSITE_ID (website_id)
) ${TABLE_OPTIONS}`,

  `CREATE TABLE \`${t('catalogrule_product_price')}\` (
  rule_product_price_id int(10) unsigned NOT NULL AUTO_INCREMENT,
  rule_date date NOT NULL,
  customer_group_id int(11) DEFAULT NULL,
  product_id int(10) unsigned NOT NULL DEFAULT 0,
  rule_price decimal(20,6) NOT NULL DEFAULT 0.000000,
  website_id smallint(5) unsigned NOT NULL,
  latest_start_date date DEFAULT NULL,
  earliest_end_date date DEFAULT NULL,
  PRIMARY KEY (rule_product_price_id),
  UNIQUE KEY CATRULE_PRD_PRICE_RULE_DATE_WS_ID_CSTR_GROUP_ID_PRD_ID (rule_date, website_id, customer_group_id, product_id),
  KEY CATALOGRULE_PRODUCT_PRICE_CUSTOMER_GROUP_ID (customer_group_id),
  KEY CATALOGRULE_PRODUCT_PRICE_WEBSITE_ID (website_id),
  KEY CATALOGRULE_PRODUCT_PRICE_PRODUCT_ID (product_id)
) ${TABLE_OPTIONS}`,

  `CREATE TABLE \`${t('url_rewrite')}\` (
  url_rewrite_id int(10) unsigned NOT NULL AUTO_INCREMENT,
  entity_type varchar(32) NOT NULL,
  entity_id int(10) unsigned NOT NULL,
  request_path varchar(255) DEFAULT NULL,
  target_path varchar(255) DEFAULT NULL,
  redirect_type smallint(5) unsigned NOT NULL DEFAULT 0,
  store_id smallint(5) unsigned NOT NULL,
  description varchar(255) DEFAULT NULL,
  is_autogenerated smallint(5) unsigned NOT NULL DEFAULT 0,
  metadata varchar(255) DEFAULT NULL,
  PRIMARY KEY (url_rewrite_id),
  UNIQUE KEY URL_REWRITE_REQUEST_PATH_STORE_ID (request_path, store_id),
  KEY URL_REWRITE_TARGET_PATH (target_path),
  KEY URL_REWRITE_STORE_ID_ENTITY_ID (store_id, entity_id),
  KEY URL_REWRITE_ENTITY_ID (entity_id),
  KEY URL_REWRITE_IS_AUTOGENERATED_METADATA (is_autogenerated, metadata)
) ${TABLE_OPTIONS}`,

  `CREATE TABLE \`${t('eav_attribute_option_swatch')}\` (
  swatch_id int(10) unsigned NOT NULL AUTO_INCREMENT,
  option_id int(10) unsigned NOT NULL,
  store_id smallint(5) unsigned NOT NULL,
  type smallint(5) unsigned NOT NULL,
  value varchar(255) DEFAULT NULL,
  PRIMARY KEY (swatch_id),
  UNIQUE KEY EAV_ATTRIBUTE_OPTION_SWATCH_STORE_ID_OPTION_ID (store_id, option_id),
  KEY EAV_ATTRIBUTE_OPTION_SWATCH_SWATCH_ID (swatch_id)
) ${TABLE_OPTIONS}`,
];

/** Adobe Commerce's id sequences and its schedule of content updates (versions). */
const stagingDdl = (t: (name: string) => string): string[] => [
  `CREATE TABLE \`${t('sequence_product')}\` (
  sequence_value int(10) unsigned NOT NULL AUTO_INCREMENT,
  PRIMARY KEY (sequence_value)
) ${TABLE_OPTIONS}`,

  `CREATE TABLE \`${t('sequence_catalog_category')}\` (
  sequence_value int(10) unsigned NOT NULL AUTO_INCREMENT,
  PRIMARY KEY (sequence_value)
) ${TABLE_OPTIONS}`,

  `CREATE TABLE \`${t('staging_update')}\` (
  id bigint(20) unsigned NOT NULL,
  start_time timestamp NOT NULL DEFAULT current_timestamp(),
  name varchar(255) NOT NULL,
  description text DEFAULT NULL,
  rollback_id bigint(20) unsigned DEFAULT NULL,
  is_campaign tinyint(1) DEFAULT NULL,
  is_rollback tinyint(1) DEFAULT NULL,
  moved_to bigint(20) unsigned DEFAULT NULL,
  oldest_id bigint(20) unsigned NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  KEY STAGING_UPDATE_IS_CAMPAIGN (is_campaign),
  KEY STAGING_UPDATE_START_TIME (start_time)
) ${TABLE_OPTIONS}`,
];

/** Every table magentoDdl creates for this shape, unprefixed, in creation order. */
export function magentoTables(options: Partial<SchemaOptions> = {}): string[] {
  const prefix = new MagentoShape(options).tablePrefix;
  return magentoDdl(options).map((ddl) => ddl.match(/^CREATE TABLE `(\w+)`/)![1].slice(prefix.length));
}

/** The open-source, unprefixed statements and tables, as most suites use them. */
export const MAGENTO_DDL: string[] = magentoDdl();
export const MAGENTO_TABLES: string[] = magentoTables();

/** Creates the tables in the connection's current database; fails if one already exists. */
export async function createMagentoSchema(conn: Connection, options: Partial<SchemaOptions> = {}): Promise<void> {
  for (const ddl of magentoDdl(options)) await conn.query(ddl);
}

/**
 * Drops the tables either edition creates under this prefix (and nothing else) from the current
 * database, so a database can be reseeded in the other edition.
 */
export async function dropMagentoSchema(conn: Connection, options: Partial<SchemaOptions> = {}): Promise<void> {
  const shape = new MagentoShape(options);
  const names = new Set([...magentoTables({ ...options, edition: 'commerce' }), ...magentoTables({ ...options, edition: 'open-source' })]);
  await conn.query(`DROP TABLE IF EXISTS ${[...names].map((name) => shape.table(name)).join(', ')}`);
}
