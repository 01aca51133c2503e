import type { Connection, ResultSetHeader } from 'mysql2/promise';
import {
  CATEGORY_ATTRIBUTES,
  PRODUCT_ATTRIBUTES,
  RICH_ATTRIBUTES,
  SEASON_AND_OCCASION,
  type AttributeDefinition,
  type BackendType,
  type FrontendInput,
} from './attribute-definitions';
import { insertCategory, type CategoryNode } from './category-writer';
import { MagentoShape } from './schema';

export interface MetadataOptions {
  /** Where multiselect values live: `varchar` on older 2.x installs, `text` on 2.4.x. */
  multiselectBackend: 'varchar' | 'text';
  /** Whether the shop defined the store-specific `season` and `occasion` attributes. */
  withSeasonAndOccasion: boolean;
  /** The store whose option labels are the German translations (storeLabel). Default 1. */
  translationStoreId: number;
  /** Whether the shop has the Luma-like extra attributes (RICH_ATTRIBUTES). Default false. */
  richAttributes: boolean;
}

export const DEFAULT_METADATA_OPTIONS: MetadataOptions = { multiselectBackend: 'text', withSeasonAndOccasion: true, translationStoreId: 1, richAttributes: false };

export interface AttributeInfo {
  id: number;
  code: string;
  backendType: BackendType;
  input: FrontendInput;
  /** Option ids by admin (store 0) label; empty for attributes without options. */
  options: Record<string, number>;
}

export type CoreProductAttributeCode =
  | 'name' | 'sku' | 'description' | 'price' | 'image' | 'small_image' | 'thumbnail' | 'status' | 'visibility'
  | 'url_key' | 'color' | 'size' | 'gender' | 'material' | 'pattern' | 'climate' | 'eco_collection'
  | 'media_gallery' | 'swatch_image' | 'special_price' | 'special_from_date' | 'special_to_date';
export type OptionalProductAttributeCode = 'season' | 'occasion';

export interface MagentoMetadata {
  options: MetadataOptions;
  shape: MagentoShape;
  entityTypeIds: { category: number; product: number };
  productAttributeSetId: number;
  product: Record<CoreProductAttributeCode, AttributeInfo> & Partial<Record<OptionalProductAttributeCode, AttributeInfo>>;
  categoryName: AttributeInfo;
  rootCategory: CategoryNode;
  /** "Default Category", the root category of store 1; shop categories hang below it. */
  defaultCategory: CategoryNode;
}

const ENTITY_TYPES = { category: 3, product: 4 };
const PRODUCT_ATTRIBUTE_SET_ID = 4;
/** Fixed, so that metadata rows are identical in every database they are written to. */
export const METADATA_TIMESTAMP = '2024-01-01 00:00:00';

/** The websites every shop here has, with their one store view each (store_id = website_id). */
export const WEBSITES = {
  base: { websiteId: 1, storeId: 1, storeCode: 'default', name: 'Main Website', storeName: 'Default Store View' },
  second: { websiteId: 2, storeId: 2, storeCode: 'second', name: 'Second Website', storeName: 'Second Store View' },
} as const;

/** Magento's own MSI defaults: the "default" source in "Default Stock" (id 1), sold on website base. */
export const DEFAULT_SOURCE_CODE = 'default';
export const DEFAULT_STOCK_ID = 1;

/**
 * Writes what a fresh shop has before its first product: websites, store groups and stores, the
 * default MSI source and stock, the category and product entity types, the attributes with their
 * options, and the two root categories.
 * Attribute and option ids come from AUTO_INCREMENT, in a fixed insertion order.
 */
export async function insertMagentoMetadata(
  conn: Connection,
  options: MetadataOptions = DEFAULT_METADATA_OPTIONS,
  shape: MagentoShape = new MagentoShape(),
): Promise<MagentoMetadata> {
  await insertStores(conn, shape);
  await insertDefaultInventory(conn, shape);
  await insertEntityTypes(conn, shape);

  const [categoryName] = await insertAttributes(conn, shape, ENTITY_TYPES.category, CATEGORY_ATTRIBUTES, options);
  const productDefinitions = [
    ...PRODUCT_ATTRIBUTES,
    ...(options.withSeasonAndOccasion ? SEASON_AND_OCCASION : []),
    ...(options.richAttributes ? RICH_ATTRIBUTES : []),
  ];
  const productAttributes = await insertAttributes(conn, shape, ENTITY_TYPES.product, productDefinitions, options);

  const rootCategory = await insertCategory(conn, shape, categoryName.id, null, { name: 'Root Catalog' }, METADATA_TIMESTAMP);
  const defaultCategory = await insertCategory(conn, shape, categoryName.id, rootCategory, { name: 'Default Category' }, METADATA_TIMESTAMP);
  await conn.query(`UPDATE ${shape.table('store_group')} SET root_category_id = ? WHERE group_id > 0`, [defaultCategory.id]);

  return {
    options,
    shape,
    entityTypeIds: ENTITY_TYPES,
    productAttributeSetId: PRODUCT_ATTRIBUTE_SET_ID,
    product: Object.fromEntries(productAttributes.map((a) => [a.code, a])) as MagentoMetadata['product'],
    categoryName,
    rootCategory,
    defaultCategory,
  };
}

async function insertStores(conn: Connection, shape: MagentoShape): Promise<void> {
  const { base, second } = WEBSITES;
  // Admin website, group and store have id 0, which AUTO_INCREMENT columns only accept in this mode.
  await conn.query('SET @saved_sql_mode = @@SESSION.sql_mode');
  await conn.query("SET SESSION sql_mode = CONCAT(@@SESSION.sql_mode, ',NO_AUTO_VALUE_ON_ZERO')");
  try {
    await conn.query(`INSERT INTO ${shape.table('store_website')} (website_id, code, name, sort_order, default_group_id, is_default) VALUES ?`, [[
      [0, 'admin', 'Admin', 0, 0, 0],
      [base.websiteId, 'base', base.name, 0, base.websiteId, 1],
      [second.websiteId, 'second', second.name, 1, second.websiteId, 0],
    ]]);
    await conn.query(`INSERT INTO ${shape.table('store_group')} (group_id, website_id, name, root_category_id, default_store_id, code) VALUES ?`, [[
      [0, 0, 'Default', 0, 0, 'default'],
      [base.websiteId, base.websiteId, 'Main Website Store', 0, base.storeId, 'main_website_store'],
      [second.websiteId, second.websiteId, 'Second Website Store', 0, second.storeId, 'second_website_store'],
    ]]);
    await conn.query(`INSERT INTO ${shape.table('store')} (store_id, code, website_id, group_id, name, sort_order, is_active) VALUES ?`, [[
      [0, 'admin', 0, 0, 'Admin', 0, 1],
      [base.storeId, base.storeCode, base.websiteId, base.websiteId, base.storeName, 0, 1],
      [second.storeId, second.storeCode, second.websiteId, second.websiteId, second.storeName, 0, 1],
    ]]);
  } finally {
    await conn.query('SET SESSION sql_mode = @saved_sql_mode');
  }
}

async function insertDefaultInventory(conn: Connection, shape: MagentoShape): Promise<void> {
  await conn.query(
    `INSERT INTO ${shape.table('inventory_source')} (source_code, name, enabled, description, country_id, postcode) VALUES (?, 'Default Source', 1, 'Default Source', 'US', '00000')`,
    [DEFAULT_SOURCE_CODE],
  );
  await conn.query(`INSERT INTO ${shape.table('inventory_stock')} (stock_id, name) VALUES (?, 'Default Stock')`, [DEFAULT_STOCK_ID]);
  await conn.query(`INSERT INTO ${shape.table('inventory_source_stock_link')} (stock_id, source_code, priority) VALUES (?, ?, 1)`, [DEFAULT_STOCK_ID, DEFAULT_SOURCE_CODE]);
  await conn.query(`INSERT INTO ${shape.table('inventory_stock_sales_channel')} (type, code, stock_id) VALUES ('website', 'base', ?)`, [DEFAULT_STOCK_ID]);
}

async function insertEntityTypes(conn: Connection, shape: MagentoShape): Promise<void> {
  await conn.query(
    `INSERT INTO ${shape.table('eav_entity_type')}
       (entity_type_id, entity_type_code, entity_model, attribute_model, entity_table, default_attribute_set_id,
        additional_attribute_table, entity_attribute_collection)
     VALUES ?`,
    [[
      [ENTITY_TYPES.category, 'catalog_category', 'Magento\\Catalog\\Model\\ResourceModel\\Category', 'Magento\\Catalog\\Model\\ResourceModel\\Eav\\Attribute', 'catalog_category_entity', 3, 'catalog_eav_attribute', 'Magento\\Catalog\\Model\\ResourceModel\\Category\\Attribute\\Collection'],
      [ENTITY_TYPES.product, 'catalog_product', 'Magento\\Catalog\\Model\\ResourceModel\\Product', 'Magento\\Catalog\\Model\\ResourceModel\\Eav\\Attribute', 'catalog_product_entity', PRODUCT_ATTRIBUTE_SET_ID, 'catalog_eav_attribute', 'Magento\\Catalog\\Model\\ResourceModel\\Product\\Attribute\\Collection'],
    ]],
  );
}

async function insertAttributes(
  conn: Connection,
  shape: MagentoShape,
  entityTypeId: number,
  definitions: AttributeDefinition[],
  options: MetadataOptions,
): Promise<AttributeInfo[]> {
  const attributes: AttributeInfo[] = [];
  for (const definition of definitions) {
    const backendType = definition.backendType === 'multiselect' ? options.multiselectBackend : definition.backendType;
    const [inserted] = await conn.query<ResultSetHeader>(
      `INSERT INTO ${shape.table('eav_attribute')}
         (entity_type_id, attribute_code, backend_model, backend_type, frontend_input, frontend_label, source_model, is_user_defined)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [entityTypeId, definition.code, definition.backendModel ?? null, backendType, definition.input, definition.label, definition.sourceModel ?? null, definition.userDefined ? 1 : 0],
    );
    const id = inserted.insertId;
    await conn.query(
      `INSERT INTO ${shape.table('catalog_eav_attribute')} (attribute_id, is_global, is_filterable, is_searchable, is_visible_on_front, used_in_product_listing)
       VALUES (?, ?, ?, ?, ?, ?)`,
      [id, definition.scope, definition.filterable ? 1 : 0, definition.filterable ? 1 : 0, definition.userDefined ? 1 : 0, 1],
    );
    attributes.push({ id, code: definition.code, backendType, input: definition.input, options: await insertOptions(conn, shape, id, definition, options.translationStoreId) });
  }
  return attributes;
}

async function insertOptions(conn: Connection, shape: MagentoShape, attributeId: number, definition: AttributeDefinition, translationStoreId: number): Promise<Record<string, number>> {
  const optionIds: Record<string, number> = {};
  const labelRows: Array<[number, number, string]> = [];
  for (const option of definition.options ?? []) {
    const [inserted] = await conn.query<ResultSetHeader>(
      `INSERT INTO ${shape.table('eav_attribute_option')} (attribute_id, sort_order) VALUES (?, ?)`,
      [attributeId, option.sortOrder],
    );
    optionIds[option.label] = inserted.insertId;
    labelRows.push([inserted.insertId, 0, option.label]);
    if (option.storeLabel !== undefined) labelRows.push([inserted.insertId, translationStoreId, option.storeLabel]);
  }
  if (labelRows.length > 0) {
    await conn.query(`INSERT INTO ${shape.table('eav_attribute_option_value')} (option_id, store_id, value) VALUES ?`, [labelRows]);
  }
  return optionIds;
}
