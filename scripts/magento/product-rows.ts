import type { BulkInserter, SqlValue, WritableTable } from './bulk-inserter';
import type { AttributeInfo } from './metadata';

export type ProductType = 'simple' | 'configurable' | 'virtual';

export interface EavValue {
  attribute: AttributeInfo;
  storeId: number;
  /** Already in Magento's stored form: option id, comma-joined option ids, 1/0, text, number. */
  value: SqlValue;
}

export interface SourceItem {
  sourceCode: string;
  quantity: number;
  status: 0 | 1;
}

/** One product with every value resolved to the ids Magento stores. */
export interface ProductRecord {
  entityId: number;
  sku: string;
  typeId: ProductType;
  attributeSetId: number;
  createdAt: string;
  updatedAt: string;
  values: EavValue[];
  /** The legacy default-stock row; null when the product has none at all. */
  stock: { qty: number | null; isInStock: 0 | 1 } | null;
  categoryIds: number[];
  /** For a configurable: the attributes its children vary on (super attributes). */
  superAttributeIds?: number[];
  /** For a child simple: its configurable parent. */
  parentId?: number;
  sourceItems?: SourceItem[];
}

const DEFAULT_STOCK_ID = 1;

/** Queues every row that stores `record` in Magento's tables. */
export function addProductRows(inserter: BulkInserter, record: ProductRecord): void {
  const { entityId } = record;
  inserter.add('catalog_product_entity', [
    entityId,
    record.attributeSetId,
    record.typeId,
    record.sku,
    0,
    0,
    record.createdAt,
    record.updatedAt,
  ]);

  for (const { attribute, storeId, value } of record.values) {
    if (attribute.backendType === 'static') continue; // sku lives on catalog_product_entity itself
    inserter.add(`catalog_product_entity_${attribute.backendType}` as WritableTable, [attribute.id, storeId, entityId, value]);
  }

  if (record.stock) {
    inserter.add('cataloginventory_stock_item', [entityId, DEFAULT_STOCK_ID, record.stock.qty, record.stock.isInStock, 1, 0]);
  }
  for (const item of record.sourceItems ?? []) {
    inserter.add('inventory_source_item', [item.sourceCode, record.sku, item.quantity, item.status]);
  }

  record.superAttributeIds?.forEach((attributeId, position) => {
    inserter.add('catalog_product_super_attribute', [entityId, attributeId, position]);
  });
  if (record.parentId !== undefined) {
    inserter.add('catalog_product_super_link', [entityId, record.parentId]);
    inserter.add('catalog_product_relation', [record.parentId, entityId]);
  }

  for (const categoryId of record.categoryIds) inserter.add('catalog_category_product', [categoryId, entityId, 0]);
}
