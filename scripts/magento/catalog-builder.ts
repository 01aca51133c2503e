import type { Connection, RowDataPacket } from 'mysql2/promise';
import { encodeAttributeInput, productAttribute, type AttributeInput } from './attribute-values';
import { BulkInserter } from './bulk-inserter';
import { insertCategory, type CategoryNames, type CategoryNode } from './category-writer';
import {
  DEFAULT_METADATA_OPTIONS, DEFAULT_SOURCE_CODE, insertMagentoMetadata, METADATA_TIMESTAMP, WEBSITES, type MagentoMetadata, type MetadataOptions,
} from './metadata';
import { addProductRows, type EavValue, type LegacyStock, type ProductRecord, type ProductType, type ProductVersion } from './product-rows';
import { createMagentoSchema, MagentoShape, STAGING_OPEN_END, STAGING_ORIGIN, type SchemaOptions } from './schema';
import type { ConfigRow, SwatchRow } from './storefront-config';
import type { GalleryEntry, RulePrice, TierPrice, UrlRewrite } from './storefront-model';
import type { ShopModel } from './storefront-oracle';

/** The values a product can carry, and each staged version can change. */
export interface ProductValues {
  /** Default: the sku. null writes no name row. Written as given: HTML entities stay entities. */
  name?: string | null;
  /** Store-1 name override. */
  storeName?: string;
  /** Absent or null: no price row (a configurable that takes its children's prices). */
  price?: number | null;
  /** 1 Not Visible Individually, 2 Catalog, 3 Search, 4 Catalog+Search. Default 4 (children: 1). */
  visibility?: 1 | 2 | 3 | 4;
  /** 1 enabled, 2 disabled. Default 1. */
  status?: 1 | 2;
  /** Store-1 status override. */
  storeStatus?: 1 | 2;
  /** Media path or 'no_selection', written to image, small_image and thumbnail. Absent/null: no rows. */
  image?: string | null;
  urlKey?: string | null;
  description?: string | null;
  size?: string;
  color?: string;
  material?: string[];
  pattern?: string[];
  season?: string;
  occasion?: string;
  /** Any other attribute by code, store 0, e.g. { gender: 'Men', eco_collection: true }. null writes a NULL. */
  attributes?: Record<string, AttributeInput>;
  /** Store-1 overrides of any attribute by code. */
  storeAttributes?: Record<string, AttributeInput>;
}

/**
 * One staged version (Adobe Commerce only): the product's values with these changes, in force from
 * `createdIn` (inclusive) to `updatedIn` (exclusive), both Unix timestamps. createdIn defaults to
 * the previous version's updatedIn (STAGING_ORIGIN for the first), updatedIn to the next version's
 * createdIn (STAGING_OPEN_END for the last).
 */
export type VersionSpec = ProductValues & { createdIn?: number; updatedIn?: number };

export interface ProductSpec extends ProductValues {
  sku: string;
  /** Default 'simple'. */
  type?: ProductType;
  /** Legacy default-stock qty. Default 100 (configurables: 0). null: no stock item row at all. */
  qty?: number | null;
  /** Default 1 when qty > 0, else 0 (configurables: 1). */
  isInStock?: 0 | 1;
  /** The stock item's own out-of-stock threshold (used when useConfigMinQty is 0). Default 0. */
  minQty?: number;
  /** Default 1: the configured cataloginventory/item_options/min_qty applies. */
  useConfigMinQty?: 0 | 1;
  /** Website ids the product is assigned to. Default [1] (base); [] = none, [2] = the second website only. */
  websites?: number[];
  categories?: number[];
  /** 'YYYY-MM-DD HH:MM:SS'; default a fixed date, never the clock. */
  createdAt?: string;
  updatedAt?: string;
  /** Staged versions, in time order (edition 'commerce' only). Absent: one version, open at both ends. */
  versions?: VersionSpec[];
  /** Gallery photos and videos with their store rows (every staged version gets them); value ids are given out in order. */
  gallery?: Array<Omit<GalleryEntry, 'valueId'>>;
  tierPrices?: TierPrice[];
  /** Rows of the catalog rule price index, for the product's entity_id. */
  rulePrices?: RulePrice[];
  /** Product URL rewrites; ids are given out in order. */
  urlRewrites?: Array<Omit<UrlRewrite, 'urlRewriteId'>>;
}

export type ChildSpec = Omit<ProductSpec, 'type'> & { type?: 'simple' | 'virtual' };

export interface BuilderOptions extends Partial<MetadataOptions>, Partial<SchemaOptions> {}

/** Attributes a configurable's children vary on, in the order Magento shows them. */
const VARYING_ATTRIBUTES = ['size', 'color'] as const;

/**
 * Hand-builds tiny Magento catalogs for tests, one product at a time, in the connection's
 * current database, in either edition and under any table prefix.
 *
 *   const shop = await MagentoCatalogBuilder.create(conn, { edition: 'commerce', tablePrefix: 'mg_', multiselectBackend: 'text' });
 *   const hoodies = await shop.category(['Men', 'Tops', 'Hoodies &amp; Sweatshirts']);
 *   const chaz = await shop.product({ sku: 'MH01', type: 'configurable', name: 'Chaz Hoodie', categories: [hoodies] });
 *   await shop.child(chaz, { sku: 'MH01-M-Blue', size: 'M', color: 'Blue', price: 52, qty: 10, minQty: 2, useConfigMinQty: 0 });
 *   await shop.link(otherConfigurable, childId);             // the same child in a second configurable
 *   await shop.product({ sku: 'ONLY-2', websites: [2] });   // sold on the second website only
 *
 * Every shop has websites `base` (id 1, store `default` = 1) and `second` (id 2, store `second` = 2),
 * and Magento's MSI defaults: source `default` in stock 1 "Default Stock", sold on website `base`.
 *
 *   await shop.config('cataloginventory/item_options/min_qty', '1');   // scope 'default', scope id 0
 *   await shop.msiSource('eu', { enabled: true });
 *   await shop.msiStock(2, 'EU', { sources: ['eu', 'default'], websites: ['base'] });  // base now sells stock 2
 *   await shop.msiSourceItem('eu', 'MH01-M-Blue', 10, 1);    // (the older msiSource(code, sku, qty, status) still works)
 *   await shop.reservation(2, 'MH01-M-Blue', -3);
 *
 * Adobe Commerce (edition 'commerce'): every product and category is staged (row_id, created_in,
 * updated_in); `versions` gives a product several, e.g. a past applied version, the current one and a
 * scheduled one:
 *
 *   const now = Math.floor(Date.now() / 1000);
 *   await shop.product({ sku: 'S1', versions: [{ updatedIn: now - 86400, status: 2 }, {}, { createdIn: now + 86400, status: 2 }] });
 *
 * What the storefront shows (special prices are ordinary attributes):
 *
 *   await shop.product({ sku: 'S2', price: 40, attributes: { special_price: 30, special_to_date: '2026-12-24 00:00:00' },
 *     gallery: [{ file: '/s/2/s2.jpg', mediaType: 'image', disabled: 0, values: [{ storeId: 0, label: 'Front', position: 1, disabled: 0 }] }],
 *     tierPrices: [{ allGroups: 1, customerGroupId: 0, qty: 1, value: 35, websiteId: 0, percentageValue: null }],
 *     urlRewrites: [{ storeId: 1, requestPath: 's2.html', targetPath: 'catalog/product/view/id/1', redirectType: 0, metadata: null }] });
 *   await shop.swatch('color', 'Blue', 0, 1, '#1857f7');
 *
 * Ids returned are always entity_ids; `shop.table(name)` gives a table's name with the prefix.
 * `shop.model` is what was written, for the storefront oracle (storefront-oracle.ts).
 */
export class MagentoCatalogBuilder {
  private readonly categories = new Map<string, CategoryNode>();
  private readonly configurables = new Map<number, Set<number>>();
  /** Every product, config value and swatch written, with each configurable's children. */
  readonly model: ShopModel & { children: Map<number, number[]> };

  private constructor(
    private readonly conn: Connection,
    readonly metadata: MagentoMetadata,
  ) {
    this.model = { metadata, config: [], swatches: [], products: new Map(), children: new Map() };
  }

  /** Creates the Magento tables and a shop's base metadata, then returns a builder for it. */
  static async create(conn: Connection, options: BuilderOptions = {}): Promise<MagentoCatalogBuilder> {
    const { edition, tablePrefix, ...metadataOptions } = options;
    const shape = new MagentoShape({ edition, tablePrefix });
    await createMagentoSchema(conn, shape);
    const metadata = await insertMagentoMetadata(conn, { ...DEFAULT_METADATA_OPTIONS, ...metadataOptions }, shape);
    return new MagentoCatalogBuilder(conn, metadata);
  }

  get shape(): MagentoShape {
    return this.metadata.shape;
  }

  /** A Magento table's name with this shop's prefix, backquoted. */
  table(name: string): string {
    return this.shape.table(name);
  }

  /** Ensures the path exists under "Default Category" and returns the leaf's id. */
  async category(path: string[], options: Omit<CategoryNames, 'name'> = {}): Promise<number> {
    let node = this.metadata.defaultCategory;
    for (let depth = 0; depth < path.length; depth++) {
      const key = path.slice(0, depth + 1).join('\u0000');
      const isLeaf = depth === path.length - 1;
      const existing = this.categories.get(key);
      if (existing && isLeaf && (options.storeName !== undefined || options.previously !== undefined)) {
        throw new Error(`Category "${path.join(' > ')}" already exists; give its options where it is first created`);
      }
      node = existing ?? (await insertCategory(this.conn, this.shape, this.metadata.categoryName.id, node, {
        name: path[depth],
        ...(isLeaf ? options : {}),
      }, METADATA_TIMESTAMP));
      this.categories.set(key, node);
    }
    return node.id;
  }

  /** Writes one product and returns its entity_id. */
  async product(spec: ProductSpec): Promise<number> {
    const type = spec.type ?? 'simple';
    if (spec.versions && !this.shape.staged) throw new Error(`Product ${spec.sku}: versions need edition 'commerce'`);
    const entityId = await this.nextId(this.shape.staged ? 'sequence_product' : 'catalog_product_entity', this.shape.staged ? 'sequence_value' : 'entity_id');
    const versions = this.shape.staged ? await this.versionsOf(spec) : undefined;
    const inserter = new BulkInserter(this.conn, this.shape);
    const now = Date.now() / 1000;
    const record: ProductRecord = {
      entityId,
      sku: spec.sku,
      typeId: type,
      attributeSetId: this.metadata.productAttributeSetId,
      createdAt: spec.createdAt ?? METADATA_TIMESTAMP,
      updatedAt: spec.updatedAt ?? spec.createdAt ?? METADATA_TIMESTAMP,
      // Staged: the values of the version in force now, which product-rows tells from the others by identity.
      values: versions?.find((version) => version.createdIn <= now && now < version.updatedIn)?.values ?? this.valuesOf(spec),
      versions,
      websiteIds: spec.websites ?? [WEBSITES.base.websiteId],
      stock: stockOf(spec, type),
      categoryIds: spec.categories ?? [],
      storefront: await this.storefrontOf(spec),
    };
    addProductRows(inserter, record);
    await inserter.flushAll();
    this.model.products.set(entityId, record);
    if (type === 'configurable') this.configurables.set(entityId, new Set());
    return entityId;
  }

  /** Adds a swatch to an option (type 0 text, 1 hex colour, 2 image) for a store (0: admin). */
  async swatch(attributeCode: string, optionLabel: string, storeId: number, type: 0 | 1 | 2, value: string): Promise<void> {
    const optionId = encodeAttributeInput(productAttribute(this.metadata, attributeCode), optionLabel) as number;
    await this.conn.query(`INSERT INTO ${this.table('eav_attribute_option_swatch')} (option_id, store_id, type, value) VALUES (?, ?, ?, ?)`, [optionId, storeId, type, value]);
    this.model.swatches.push({ optionId, storeId, type, value } satisfies SwatchRow);
  }

  private async storefrontOf(spec: ProductSpec): Promise<ProductRecord['storefront']> {
    const firstValueId = await this.nextId('catalog_product_entity_media_gallery', 'value_id');
    const firstRewriteId = await this.nextId('url_rewrite', 'url_rewrite_id');
    return {
      galleryAttributeId: this.metadata.product.media_gallery.id,
      gallery: (spec.gallery ?? []).map((entry, index) => ({ ...entry, valueId: firstValueId + index })),
      tierPrices: spec.tierPrices ?? [],
      rulePrices: spec.rulePrices ?? [],
      urlRewrites: (spec.urlRewrites ?? []).map((rewrite, index) => ({ ...rewrite, urlRewriteId: firstRewriteId + index })),
    };
  }

  /** Writes a simple child of a configurable (visibility 1 unless given) and links the two. */
  async child(parentId: number, spec: ChildSpec): Promise<number> {
    if (!this.configurables.has(parentId)) throw new Error(`Product ${parentId} is not a configurable made by this builder`);
    const childId = await this.product({ visibility: 1, ...spec });
    await this.link(parentId, childId, spec);
    return childId;
  }

  /**
   * Links an existing simple to a configurable (super link and relation, on every version of the
   * parent when staged); `varyingOn` adds the size/color super attributes it sets, as child() does.
   */
  async link(parentId: number, childId: number, varyingOn: Pick<ProductValues, 'size' | 'color'> = {}): Promise<void> {
    const known = this.configurables.get(parentId);
    if (!known) throw new Error(`Product ${parentId} is not a configurable made by this builder`);
    const parentLinkIds = await this.linkIdsOf(parentId);
    const inserter = new BulkInserter(this.conn, this.shape);
    for (const code of VARYING_ATTRIBUTES) {
      const attributeId = this.metadata.product[code].id;
      if (varyingOn[code] === undefined || known.has(attributeId)) continue;
      for (const linkId of parentLinkIds) inserter.add('catalog_product_super_attribute', [linkId, attributeId, known.size]);
      known.add(attributeId);
    }
    for (const linkId of parentLinkIds) {
      inserter.add('catalog_product_super_link', [childId, linkId]);
      inserter.add('catalog_product_relation', [linkId, childId]);
    }
    await inserter.flushAll();
    this.model.children.set(parentId, [...(this.model.children.get(parentId) ?? []), childId]);
  }

  /** Writes a core_config_data value (e.g. 'cataloginventory/item_options/min_qty', 'currency/options/base'). */
  async config(path: string, value: string | number | null, scope: 'default' | 'websites' | 'stores' = 'default', scopeId = 0): Promise<void> {
    const row: ConfigRow = { scope, scopeId, path, value: value === null ? null : String(value) };
    await this.conn.query(
      `INSERT INTO ${this.table('core_config_data')} (scope, scope_id, path, value) VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE value = VALUES(value)`,
      [row.scope, row.scopeId, row.path, row.value],
    );
    this.model.config = [...this.model.config.filter((other) => !(other.scope === scope && other.scopeId === scopeId && other.path === path)), row];
  }

  /**
   * msiSource(code, { enabled }): creates (or updates) an MSI source.
   * msiSource(code, sku, quantity, status): the older form of msiSourceItem.
   */
  async msiSource(sourceCode: string, options?: { enabled?: boolean; name?: string }): Promise<void>;
  async msiSource(sourceCode: string, sku: string, quantity: number, status?: 0 | 1): Promise<void>;
  async msiSource(sourceCode: string, second?: string | { enabled?: boolean; name?: string }, quantity?: number, status?: 0 | 1): Promise<void> {
    if (typeof second === 'string') return this.msiSourceItem(sourceCode, second, quantity ?? 0, status);
    const enabled = (second?.enabled ?? true) ? 1 : 0;
    await this.conn.query(
      `INSERT INTO ${this.table('inventory_source')} (source_code, name, enabled, country_id, postcode) VALUES (?, ?, ?, 'DE', '10115')
       ON DUPLICATE KEY UPDATE enabled = VALUES(enabled), name = VALUES(name)`,
      [sourceCode, second?.name ?? sourceCode, enabled],
    );
  }

  /**
   * Creates or updates stock `stockId`: links the sources (priority in the order given) and makes it
   * the stock of each website code (a website sells exactly one stock, so this takes it from the
   * stock that had it).
   */
  async msiStock(stockId: number, name: string, { sources = [], websites = [] }: { sources?: string[]; websites?: string[] } = {}): Promise<void> {
    await this.conn.query(`INSERT INTO ${this.table('inventory_stock')} (stock_id, name) VALUES (?, ?) ON DUPLICATE KEY UPDATE name = VALUES(name)`, [stockId, name]);
    for (const [index, sourceCode] of sources.entries()) {
      await this.ensureSource(sourceCode);
      await this.conn.query(
        `INSERT INTO ${this.table('inventory_source_stock_link')} (stock_id, source_code, priority) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE priority = VALUES(priority)`,
        [stockId, sourceCode, index + 1],
      );
    }
    for (const website of websites) {
      await this.conn.query(
        `INSERT INTO ${this.table('inventory_stock_sales_channel')} (type, code, stock_id) VALUES ('website', ?, ?) ON DUPLICATE KEY UPDATE stock_id = VALUES(stock_id)`,
        [website, stockId],
      );
    }
  }

  /** Adds a source item for a SKU (status 1 in stock, 0 out); an unknown source is created enabled, in no stock. */
  async msiSourceItem(sourceCode: string, sku: string, quantity: number, status: 0 | 1 = quantity > 0 ? 1 : 0): Promise<void> {
    await this.ensureSource(sourceCode);
    await this.conn.query(`INSERT INTO ${this.table('inventory_source_item')} (source_code, sku, quantity, status) VALUES (?, ?, ?, ?)`, [sourceCode, sku, quantity, status]);
  }

  /** Adds a reservation (negative: ordered, not yet shipped; positive: compensation). */
  async reservation(stockId: number, sku: string, quantity: number): Promise<void> {
    await this.conn.query(`INSERT INTO ${this.table('inventory_reservation')} (stock_id, sku, quantity, metadata) VALUES (?, ?, ?, NULL)`, [stockId, sku, quantity]);
  }

  private async ensureSource(sourceCode: string): Promise<void> {
    if (sourceCode === DEFAULT_SOURCE_CODE) return;
    await this.conn.query(
      `INSERT IGNORE INTO ${this.table('inventory_source')} (source_code, name, enabled, country_id, postcode) VALUES (?, ?, 1, 'DE', '10115')`,
      [sourceCode, sourceCode],
    );
  }

  private async nextId(table: string, column: string): Promise<number> {
    const [[{ next }]] = await this.conn.query<RowDataPacket[]>(`SELECT COALESCE(MAX(${column}), 0) + 1 AS next FROM ${this.table(table)}`);
    return Number(next);
  }

  private async linkIdsOf(entityId: number): Promise<number[]> {
    if (!this.shape.staged) return [entityId];
    const [rows] = await this.conn.query<RowDataPacket[]>(`SELECT row_id FROM ${this.table('catalog_product_entity')} WHERE entity_id = ? ORDER BY row_id`, [entityId]);
    return rows.map((row) => Number(row.row_id));
  }

  /** Resolves version bounds, records each update in staging_update, and encodes each version's values. */
  private async versionsOf(spec: ProductSpec): Promise<ProductVersion[]> {
    const specs = spec.versions && spec.versions.length > 0 ? spec.versions : [{}];
    let rowId = await this.nextId('catalog_product_entity', 'row_id');
    const versions: ProductVersion[] = [];
    specs.forEach((version, index) => {
      const createdIn = version.createdIn ?? (index === 0 ? STAGING_ORIGIN : versions[index - 1].updatedIn);
      const updatedIn = version.updatedIn ?? specs[index + 1]?.createdIn ?? (index === specs.length - 1 ? STAGING_OPEN_END : undefined);
      if (updatedIn === undefined) throw new Error(`Product ${spec.sku}: version ${index + 1} needs updatedIn or the next version's createdIn`);
      if (updatedIn <= createdIn) throw new Error(`Product ${spec.sku}: version ${index + 1} ends (${updatedIn}) before it starts (${createdIn})`);
      const { createdIn: _from, updatedIn: _to, ...changes } = version;
      versions.push({ rowId: rowId++, createdIn, updatedIn, values: this.valuesOf({ ...spec, ...changes }) });
    });
    const updates = versions.map((version) => version.createdIn).filter((id) => id !== STAGING_ORIGIN);
    for (const id of updates) {
      await this.conn.query(
        `INSERT IGNORE INTO ${this.table('staging_update')} (id, start_time, name, is_campaign, is_rollback) VALUES (?, FROM_UNIXTIME(?), ?, 0, NULL)`,
        [id, id, `Update ${id}`],
      );
    }
    return versions;
  }

  private valuesOf(spec: ProductSpec): EavValue[] {
    const atStore0: Record<string, AttributeInput | undefined> = {
      name: spec.name === null ? undefined : (spec.name ?? spec.sku),
      status: spec.status ?? 1,
      visibility: spec.visibility ?? 4,
      price: spec.price ?? undefined,
      url_key: spec.urlKey ?? undefined,
      description: spec.description ?? undefined,
      image: spec.image ?? undefined,
      small_image: spec.image ?? undefined,
      thumbnail: spec.image ?? undefined,
      size: spec.size,
      color: spec.color,
      material: spec.material,
      pattern: spec.pattern,
      season: spec.season,
      occasion: spec.occasion,
      ...spec.attributes,
    };
    const atStore1: Record<string, AttributeInput | undefined> = { name: spec.storeName, status: spec.storeStatus, ...spec.storeAttributes };
    return [...this.encode(atStore0, 0), ...this.encode(atStore1, 1)];
  }

  private encode(inputs: Record<string, AttributeInput | undefined>, storeId: number): EavValue[] {
    return Object.entries(inputs)
      .filter(([, input]) => input !== undefined)
      .map(([code, input]) => {
        const attribute = productAttribute(this.metadata, code);
        return { attribute, storeId, value: encodeAttributeInput(attribute, input as AttributeInput) };
      });
  }
}

function stockOf(spec: ProductSpec, type: ProductType): LegacyStock | null {
  if (spec.qty === null) return null;
  const qty = spec.qty ?? (type === 'configurable' ? 0 : 100);
  const isInStock = spec.isInStock ?? (type === 'configurable' || qty > 0 ? 1 : 0);
  return { qty, isInStock, minQty: spec.minQty ?? 0, useConfigMinQty: spec.useConfigMinQty ?? 1 };
}
