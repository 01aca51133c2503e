import type { BulkInserter, SqlValue, WritableTable } from './bulk-inserter';
import type { AttributeInfo } from './metadata';
import { STAGING_OPEN_END, STAGING_ORIGIN } from './schema';
import type { ProductStorefront, TierPrice } from './storefront-model';

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

export interface Reservation {
  stockId: number;
  /** Negative for units ordered and not yet shipped, positive for compensations. */
  quantity: number;
}

/** The legacy default-stock row (cataloginventory_stock_item). */
export interface LegacyStock {
  qty: number | null;
  isInStock: 0 | 1;
  /** Out-of-stock threshold, used when useConfigMinQty is 0. Default 0. */
  minQty?: number;
  /** 1 (default): the configured cataloginventory/item_options/min_qty applies instead of minQty. */
  useConfigMinQty?: 0 | 1;
}

/** One staged version of a product (Adobe Commerce): its own row_id, bounds and values. */
export interface ProductVersion {
  rowId: number;
  createdIn: number;
  updatedIn: number;
  values: EavValue[];
}

/** One product with every value resolved to the ids Magento stores. */
export interface ProductRecord {
  entityId: number;
  sku: string;
  typeId: ProductType;
  attributeSetId: number;
  createdAt: string;
  updatedAt: string;
  /** The values of the version in force (the only version in Open Source). */
  values: EavValue[];
  /**
   * Staged schema only: every version, in time order. Required there (a product with no scheduled
   * update has one version from STAGING_ORIGIN to STAGING_OPEN_END); ignored in Open Source.
   */
  versions?: ProductVersion[];
  /** The websites the product is assigned to (catalog_product_website). */
  websiteIds: number[];
  /** The legacy default-stock row; null when the product has none at all. */
  stock: LegacyStock | null;
  categoryIds: number[];
  /** For a configurable: the attributes its children vary on (super attributes). */
  superAttributeIds?: number[];
  /** For a child simple: its configurable parent (entity_id). */
  parentId?: number;
  /** Staged schema only: the row_id of every version of the parent, which links hang on. */
  parentRowIds?: number[];
  sourceItems?: SourceItem[];
  reservations?: Reservation[];
  /** Gallery, tier prices, rule prices and URL rewrites (absent: none). */
  storefront?: ProductStorefront;
}

const DEFAULT_STOCK_ID = 1;

/** A product with no scheduled update: one version open at both ends. */
export const singleVersion = (rowId: number, values: EavValue[]): ProductVersion[] => [
  { rowId, createdIn: STAGING_ORIGIN, updatedIn: STAGING_OPEN_END, values },
];

/** The ids a product's parent-side links use: row_ids of every version when staged, else the entity_id. */
export function linkIdsOf(inserter: BulkInserter, record: ProductRecord): number[] {
  if (!inserter.shape.staged) return [record.entityId];
  return versionsOf(record).map((version) => version.rowId);
}

function versionsOf(record: ProductRecord): ProductVersion[] {
  if (!record.versions || record.versions.length === 0) throw new Error(`Product ${record.sku} needs its versions in a staged schema`);
  return record.versions;
}

/** Queues every row that stores `record` in Magento's tables. */
export function addProductRows(inserter: BulkInserter, record: ProductRecord): void {
  const { entityId } = record;
  const entityColumns = [record.attributeSetId, record.typeId, record.sku, 0, 0, record.createdAt, record.updatedAt];

  if (inserter.shape.staged) {
    inserter.add('sequence_product', [entityId]);
    for (const version of versionsOf(record)) {
      inserter.add('catalog_product_entity', [version.rowId, entityId, version.createdIn, version.updatedIn, ...entityColumns]);
      addValues(inserter, version.rowId, version.values);
      // The version in force carries record.values itself (staging.ts); the others get changed rows.
      if (record.storefront) addVersionedStorefront(inserter, version.rowId, record.storefront, version.values === record.values);
    }
  } else {
    inserter.add('catalog_product_entity', [entityId, ...entityColumns]);
    addValues(inserter, entityId, record.values);
    if (record.storefront) addVersionedStorefront(inserter, entityId, record.storefront, true);
  }
  if (record.storefront) addEntityStorefront(inserter, entityId, record.storefront);

  for (const websiteId of record.websiteIds) inserter.add('catalog_product_website', [entityId, websiteId]);

  if (record.stock) {
    const { qty, isInStock, minQty = 0, useConfigMinQty = 1 } = record.stock;
    inserter.add('cataloginventory_stock_item', [entityId, DEFAULT_STOCK_ID, qty, isInStock, 1, 0, minQty, useConfigMinQty]);
  }
  for (const item of record.sourceItems ?? []) {
    inserter.add('inventory_source_item', [item.sourceCode, record.sku, item.quantity, item.status]);
  }
  for (const reservation of record.reservations ?? []) {
    inserter.add('inventory_reservation', [reservation.stockId, record.sku, reservation.quantity, null]);
  }

  const ownLinkIds = linkIdsOf(inserter, record);
  for (const linkId of ownLinkIds) {
    record.superAttributeIds?.forEach((attributeId, position) => {
      inserter.add('catalog_product_super_attribute', [linkId, attributeId, position]);
    });
  }
  if (record.parentId !== undefined) {
    const parentLinkIds = inserter.shape.staged ? (record.parentRowIds ?? []) : [record.parentId];
    if (parentLinkIds.length === 0) throw new Error(`Child ${record.sku} needs its parent's row ids in a staged schema`);
    for (const parentLinkId of parentLinkIds) {
      inserter.add('catalog_product_super_link', [entityId, parentLinkId]);
      inserter.add('catalog_product_relation', [parentLinkId, entityId]);
    }
  }

  for (const categoryId of record.categoryIds) inserter.add('catalog_category_product', [categoryId, entityId, 0]);
}

function addValues(inserter: BulkInserter, linkId: number, values: EavValue[]): void {
  for (const { attribute, storeId, value } of values) {
    if (attribute.backendType === 'static') continue; // sku lives on catalog_product_entity itself
    inserter.add(`catalog_product_entity_${attribute.backendType}` as WritableTable, [attribute.id, storeId, linkId, value]);
  }
}

/** A past or scheduled version's tier price: cheaper than anything live, so a reader of the wrong version shows. */
const OTHER_VERSION_TIER: TierPrice = { allGroups: 1, customerGroupId: 0, qty: 1, value: 0.01, websiteId: 0, percentageValue: null };

/**
 * Gallery links, per-store gallery values and tier prices, which hang on the link column (each
 * staged version has its own). A version not in force gets its labels marked and a 0.01 tier price.
 */
function addVersionedStorefront(inserter: BulkInserter, linkId: number, storefront: ProductStorefront, live: boolean): void {
  for (const entry of storefront.gallery) {
    inserter.add('catalog_product_entity_media_gallery_value_to_entity', [entry.valueId, linkId]);
    for (const value of entry.values) {
      const label = live ? value.label : `${value.label ?? 'Image'} (other version)`;
      inserter.add('catalog_product_entity_media_gallery_value', [entry.valueId, value.storeId, linkId, label, value.position, value.disabled]);
    }
  }
  for (const tier of live ? storefront.tierPrices : [OTHER_VERSION_TIER]) {
    inserter.add('catalog_product_entity_tier_price', [linkId, tier.allGroups, tier.customerGroupId, tier.qty, tier.value, tier.websiteId, tier.percentageValue]);
  }
}

/** Gallery entries themselves, rule prices and URL rewrites: one set per product, keyed by entity_id where keyed at all. */
function addEntityStorefront(inserter: BulkInserter, entityId: number, storefront: ProductStorefront): void {
  for (const entry of storefront.gallery) {
    inserter.add('catalog_product_entity_media_gallery', [entry.valueId, storefront.galleryAttributeId, entry.file, entry.mediaType, entry.disabled]);
  }
  for (const rule of storefront.rulePrices) {
    inserter.add('catalogrule_product_price', [rule.ruleDate, rule.customerGroupId, entityId, rule.price, rule.websiteId, null, null]);
  }
  for (const rewrite of storefront.urlRewrites) {
    inserter.add('url_rewrite', [
      rewrite.urlRewriteId, 'product', entityId, rewrite.requestPath, rewrite.targetPath, rewrite.redirectType, rewrite.storeId, 1, rewrite.metadata,
    ]);
  }
}
