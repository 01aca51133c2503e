import request from 'supertest';
import type { EligibilityQuery } from '../../../scripts/magento/eligibility';
import type { EavValue, ProductRecord } from '../../../scripts/magento/product-rows';
import { StorefrontOracle, type ExpectedStorefront } from '../../../scripts/magento/storefront-oracle';
import type { GalleryValue } from '../../../scripts/magento/storefront-model';
import { AUTH } from './auth';
import type { BackendProcess } from './backend-process';
import { eligibleSourceProducts } from './eligible-oracle';
import { PRODUCTS, type ImportFixture } from './import-fixture';

export const STOREFRONT_FIELDS = ['final_price', 'images', 'image_url', 'product_url', 'variants'] as const;
export type StorefrontField = (typeof STOREFRONT_FIELDS)[number];
export type Storefronts = Record<number, ExpectedStorefront>;

/**
 * The oracle for a fixture's shop and store: the generator's model, and the simple products the
 * store sells with their stock (the independent on-sale SQL, not-visible products included), which
 * are a configurable's counted children.
 */
export async function storefrontOracle(fixture: ImportFixture, storeId = 1): Promise<StorefrontOracle> {
  const sellable = await eligibleSourceProducts(fixture.dbs.admin, fixture.magentoDb, {
    storeId,
    stockSource: fixture.shopEnv.MAGENTO_STOCK_SOURCE as EligibilityQuery['stockSource'],
    tablePrefix: fixture.shopEnv.MAGENTO_TABLE_PREFIX,
    includeNotVisible: true,
  });
  return new StorefrontOracle(fixture.model, storeId, new Map(sellable.map((product) => [product.id, Number(product.stockQty)])));
}

export function expectedStorefronts(oracle: StorefrontOracle, ids: number[]): Storefronts {
  return Object.fromEntries(ids.map((id) => [id, oracle.expected(id)]));
}

/** The five storefront fields of every product, as GET /api/admin/products serves them. */
export async function servedStorefronts(backend: BackendProcess): Promise<Storefronts> {
  const served: Storefronts = {};
  for (let page = 1; ; page++) {
    const response = await request(backend.url).get(PRODUCTS).query({ page, pageSize: 100 }).set(AUTH);
    if (response.status !== 200) throw new Error(`GET products answered ${response.status}: ${response.text}`);
    for (const item of response.body.items) {
      served[item.source_id] = Object.fromEntries(STOREFRONT_FIELDS.map((field) => [field, item[field]])) as unknown as ExpectedStorefront;
    }
    if (page * 100 >= response.body.total) return served;
  }
}

/** One field of every product, keyed by source id: what a failing test prints side by side. */
export const field = (storefronts: Storefronts, name: StorefrontField) =>
  Object.fromEntries(Object.entries(storefronts).map(([id, storefront]) => [id, storefront[name]]));

/**
 * Changes a generated shop the way its admin would, in the database and in the generator's model
 * alike, so the oracle keeps telling what the shop now shows. Writes the version in force only.
 */
export class ShopEditor {
  constructor(private readonly fixture: ImportFixture) {}

  private table(name: string): string {
    return `\`${this.fixture.magentoDb}\`.\`${this.fixture.shopEnv.MAGENTO_TABLE_PREFIX}${name}\``;
  }

  private get staged(): boolean {
    return [...this.fixture.model.products.values()].some((record) => record.versions !== undefined);
  }

  private linkColumn(): string {
    return this.staged ? 'row_id' : 'entity_id';
  }

  /** entity_id, or the row_id of the version in force. */
  private linkId(record: ProductRecord): number {
    if (!record.versions) return record.entityId;
    return record.versions.find((version) => version.values === record.values)!.rowId;
  }

  /** Sets an EAV value (by attribute code) for a store, as Magento's save does: one row per (product, attribute, store). */
  async setValue(record: ProductRecord, code: string, storeId: number, value: string | number): Promise<void> {
    const attribute = (this.fixture.model.metadata.product as Record<string, EavValue['attribute']>)[code];
    const link = this.linkColumn();
    await this.fixture.dbs.admin.query(
      `INSERT INTO ${this.table(`catalog_product_entity_${attribute.backendType}`)} (attribute_id, store_id, ${link}, value) VALUES (?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE value = VALUES(value)`,
      [attribute.id, storeId, this.linkId(record), value],
    );
    // Replaced, not changed in place: other staged versions share the value objects.
    const index = record.values.findIndex((candidate) => candidate.attribute.id === attribute.id && candidate.storeId === storeId);
    if (index >= 0) record.values[index] = { attribute, storeId, value };
    else record.values.push({ attribute, storeId, value });
  }

  /** Replaces a gallery entry's row for one store (the table has no unique key: delete, then insert). */
  async setGalleryValue(record: ProductRecord, valueId: number, value: GalleryValue): Promise<void> {
    const link = this.linkColumn();
    const table = this.table('catalog_product_entity_media_gallery_value');
    await this.fixture.dbs.admin.query(`DELETE FROM ${table} WHERE value_id = ? AND store_id = ? AND ${link} = ?`, [valueId, value.storeId, this.linkId(record)]);
    await this.fixture.dbs.admin.query(
      `INSERT INTO ${table} (value_id, store_id, ${link}, label, position, disabled) VALUES (?, ?, ?, ?, ?, ?)`,
      [valueId, value.storeId, this.linkId(record), value.label, value.position, value.disabled],
    );
    const entry = record.storefront!.gallery.find((candidate) => candidate.valueId === valueId)!;
    entry.values = [...entry.values.filter((candidate) => candidate.storeId !== value.storeId), value];
  }
}
