import type { Connection, ResultSetHeader } from 'mysql2/promise';
import {
  CATEGORY_ATTRIBUTES,
  PRODUCT_ATTRIBUTES,
  SEASON_AND_OCCASION,
  type AttributeDefinition,
  type BackendType,
  type FrontendInput,
} from './attribute-definitions';
import { insertCategory, type CategoryNode } from './category-writer';

export interface MetadataOptions {
  /** Where multiselect values live: `varchar` on older 2.x installs, `text` on 2.4.x. */
  multiselectBackend: 'varchar' | 'text';
  /** Whether the shop defined the store-specific `season` and `occasion` attributes. */
  withSeasonAndOccasion: boolean;
}

export const DEFAULT_METADATA_OPTIONS: MetadataOptions = { multiselectBackend: 'text', withSeasonAndOccasion: true };

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
  | 'url_key' | 'color' | 'size' | 'gender' | 'material' | 'pattern' | 'climate' | 'eco_collection';
export type OptionalProductAttributeCode = 'season' | 'occasion';

export interface MagentoMetadata {
  options: MetadataOptions;
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

/**
 * Writes what a fresh shop has before its first product: websites and stores, the category and
 * product entity types, the attributes with their options, and the two root categories.
 * Attribute and option ids come from AUTO_INCREMENT, in a fixed insertion order.
 */
export async function insertMagentoMetadata(conn: Connection, options: MetadataOptions = DEFAULT_METADATA_OPTIONS): Promise<MagentoMetadata> {
  await insertStores(conn);
  await insertEntityTypes(conn);

  const [categoryName] = await insertAttributes(conn, ENTITY_TYPES.category, CATEGORY_ATTRIBUTES, options);
  const productDefinitions = options.withSeasonAndOccasion ? [...PRODUCT_ATTRIBUTES, ...SEASON_AND_OCCASION] : PRODUCT_ATTRIBUTES;
  const productAttributes = await insertAttributes(conn, ENTITY_TYPES.product, productDefinitions, options);

  const rootCategory = await insertCategory(conn, categoryName.id, null, { name: 'Root Catalog' }, METADATA_TIMESTAMP);
  const defaultCategory = await insertCategory(conn, categoryName.id, rootCategory, { name: 'Default Category' }, METADATA_TIMESTAMP);

  return {
    options,
    entityTypeIds: ENTITY_TYPES,
    productAttributeSetId: PRODUCT_ATTRIBUTE_SET_ID,
    product: Object.fromEntries(productAttributes.map((a) => [a.code, a])) as MagentoMetadata['product'],
    categoryName,
    rootCategory,
    defaultCategory,
  };
}

async function insertStores(conn: Connection): Promise<void> {
  // Admin website and store have id 0, which AUTO_INCREMENT columns only accept in this mode.
  await conn.query('SET @saved_sql_mode = @@SESSION.sql_mode');
  await conn.query("SET SESSION sql_mode = CONCAT(@@SESSION.sql_mode, ',NO_AUTO_VALUE_ON_ZERO')");
  try {
    await conn.query(
      `INSERT INTO store_website (website_id, code, name, sort_order, default_group_id, is_default)
       VALUES (0, 'admin', 'Admin', 0, 0, 0), (1, 'base', 'Main Website', 0, 1, 1)`,
    );
    await conn.query(
      `INSERT INTO store (store_id, code, website_id, group_id, name, sort_order, is_active)
       VALUES (0, 'admin', 0, 0, 'Admin', 0, 1), (1, 'default', 1, 1, 'Default Store View', 0, 1)`,
    );
  } finally {
    await conn.query('SET SESSION sql_mode = @saved_sql_mode');
  }
}

async function insertEntityTypes(conn: Connection): Promise<void> {
  await conn.query(
    `INSERT INTO eav_entity_type
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
  entityTypeId: number,
  definitions: AttributeDefinition[],
  options: MetadataOptions,
): Promise<AttributeInfo[]> {
  const attributes: AttributeInfo[] = [];
  for (const definition of definitions) {
    const backendType = definition.backendType === 'multiselect' ? options.multiselectBackend : definition.backendType;
    const [inserted] = await conn.query<ResultSetHeader>(
      `INSERT INTO eav_attribute
         (entity_type_id, attribute_code, backend_model, backend_type, frontend_input, frontend_label, source_model, is_user_defined)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [entityTypeId, definition.code, definition.backendModel ?? null, backendType, definition.input, definition.label, definition.sourceModel ?? null, definition.userDefined ? 1 : 0],
    );
    const id = inserted.insertId;
    await conn.query(
      `INSERT INTO catalog_eav_attribute (attribute_id, is_global, is_filterable, is_searchable, is_visible_on_front, used_in_product_listing)
       VALUES (?, ?, ?, ?, ?, ?)`,
      [id, definition.scope, definition.filterable ? 1 : 0, definition.filterable ? 1 : 0, definition.userDefined ? 1 : 0, 1],
    );
    attributes.push({ id, code: definition.code, backendType, input: definition.input, options: await insertOptions(conn, id, definition) });
  }
  return attributes;
}

async function insertOptions(conn: Connection, attributeId: number, definition: AttributeDefinition): Promise<Record<string, number>> {
  const optionIds: Record<string, number> = {};
  const labelRows: Array<[number, number, string]> = [];
  for (const option of definition.options ?? []) {
    const [inserted] = await conn.query<ResultSetHeader>(
      'INSERT INTO eav_attribute_option (attribute_id, sort_order) VALUES (?, ?)',
      [attributeId, option.sortOrder],
    );
    optionIds[option.label] = inserted.insertId;
    labelRows.push([inserted.insertId, 0, option.label]);
    if (option.storeLabel !== undefined) labelRows.push([inserted.insertId, 1, option.storeLabel]);
  }
  if (labelRows.length > 0) {
    await conn.query('INSERT INTO eav_attribute_option_value (option_id, store_id, value) VALUES ?', [labelRows]);
  }
  return optionIds;
}
