import type { Connection, RowDataPacket } from 'mysql2/promise';
import { encodeAttributeInput, productAttribute, type AttributeInput } from './attribute-values';
import { BulkInserter } from './bulk-inserter';
import { insertCategory, type CategoryNode } from './category-writer';
import { DEFAULT_METADATA_OPTIONS, insertMagentoMetadata, METADATA_TIMESTAMP, type MagentoMetadata, type MetadataOptions } from './metadata';
import { addProductRows, type EavValue, type ProductType } from './product-rows';
import { createMagentoSchema } from './schema';

export interface ProductSpec {
  sku: string;
  /** Default 'simple'. */
  type?: ProductType;
  /** Default: the sku. null writes no name row. */
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
  /** Legacy default-stock qty. Default 100 (configurables: 0). null: no stock item row at all. */
  qty?: number | null;
  /** Default 1 when qty > 0, else 0 (configurables: 1). */
  isInStock?: 0 | 1;
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
  categories?: number[];
  /** 'YYYY-MM-DD HH:MM:SS'; default a fixed date, never the clock. */
  createdAt?: string;
  updatedAt?: string;
}

export type ChildSpec = Omit<ProductSpec, 'type'> & { type?: 'simple' | 'virtual' };

/** Attributes a configurable's children vary on, in the order Magento shows them. */
const VARYING_ATTRIBUTES = ['size', 'color'] as const;

/**
 * Hand-builds tiny Magento catalogs for tests, one product at a time, in the connection's
 * current database.
 *
 *   const shop = await MagentoCatalogBuilder.create(conn, { multiselectBackend: 'text' });
 *   const hoodies = await shop.category(['Men', 'Tops', 'Hoodies & Sweatshirts']);
 *   const chaz = await shop.product({ sku: 'MH01', type: 'configurable', name: 'Chaz Hoodie', categories: [hoodies] });
 *   await shop.child(chaz, { sku: 'MH01-M-Blue', size: 'M', color: 'Blue', price: 52, qty: 10 });
 *   await shop.msiSource('default', 'MH01-M-Blue', 10, 1);
 */
export class MagentoCatalogBuilder {
  private readonly categories = new Map<string, CategoryNode>();
  private readonly configurables = new Map<number, Set<number>>();

  private constructor(
    private readonly conn: Connection,
    readonly metadata: MagentoMetadata,
  ) {}

  /** Creates the Magento tables and a shop's base metadata, then returns a builder for it. */
  static async create(conn: Connection, options: Partial<MetadataOptions> = {}): Promise<MagentoCatalogBuilder> {
    await createMagentoSchema(conn);
    const metadata = await insertMagentoMetadata(conn, { ...DEFAULT_METADATA_OPTIONS, ...options });
    return new MagentoCatalogBuilder(conn, metadata);
  }

  /** Ensures the path exists under "Default Category" and returns the leaf's id. */
  async category(path: string[], options: { storeName?: string } = {}): Promise<number> {
    let node = this.metadata.defaultCategory;
    for (let depth = 0; depth < path.length; depth++) {
      const key = path.slice(0, depth + 1).join('\u0000');
      const isLeaf = depth === path.length - 1;
      const existing = this.categories.get(key);
      if (existing && isLeaf && options.storeName !== undefined) {
        throw new Error(`Category "${path.join(' > ')}" already exists; give its storeName where it is first created`);
      }
      node = existing ?? (await insertCategory(this.conn, this.metadata.categoryName.id, node, {
        name: path[depth],
        storeName: isLeaf ? options.storeName : undefined,
      }, METADATA_TIMESTAMP));
      this.categories.set(key, node);
    }
    return node.id;
  }

  /** Writes one product and returns its entity_id. */
  async product(spec: ProductSpec): Promise<number> {
    const type = spec.type ?? 'simple';
    const entityId = await this.nextEntityId();
    const inserter = new BulkInserter(this.conn);
    addProductRows(inserter, {
      entityId,
      sku: spec.sku,
      typeId: type,
      attributeSetId: this.metadata.productAttributeSetId,
      createdAt: spec.createdAt ?? METADATA_TIMESTAMP,
      updatedAt: spec.updatedAt ?? spec.createdAt ?? METADATA_TIMESTAMP,
      values: this.valuesOf(spec),
      stock: stockOf(spec, type),
      categoryIds: spec.categories ?? [],
    });
    await inserter.flushAll();
    if (type === 'configurable') this.configurables.set(entityId, new Set());
    return entityId;
  }

  /** Writes a simple child of a configurable (visibility 1 unless given) and links the two. */
  async child(parentId: number, spec: ChildSpec): Promise<number> {
    const varyingOn = this.configurables.get(parentId);
    if (!varyingOn) throw new Error(`Product ${parentId} is not a configurable made by this builder`);
    const childId = await this.product({ visibility: 1, ...spec });

    const inserter = new BulkInserter(this.conn);
    for (const code of VARYING_ATTRIBUTES) {
      const attributeId = this.metadata.product[code].id;
      if (spec[code] === undefined || varyingOn.has(attributeId)) continue;
      inserter.add('catalog_product_super_attribute', [parentId, attributeId, varyingOn.size]);
      varyingOn.add(attributeId);
    }
    inserter.add('catalog_product_super_link', [childId, parentId]);
    inserter.add('catalog_product_relation', [parentId, childId]);
    await inserter.flushAll();
    return childId;
  }

  /** Adds a Multi-Source Inventory row for a SKU (status 1 in stock, 0 out). */
  async msiSource(sourceCode: string, sku: string, quantity: number, status: 0 | 1 = quantity > 0 ? 1 : 0): Promise<void> {
    await this.conn.query('INSERT INTO inventory_source_item (source_code, sku, quantity, status) VALUES (?, ?, ?, ?)', [sourceCode, sku, quantity, status]);
  }

  private async nextEntityId(): Promise<number> {
    const [[{ next }]] = await this.conn.query<RowDataPacket[]>('SELECT COALESCE(MAX(entity_id), 0) + 1 AS next FROM catalog_product_entity');
    return Number(next);
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

function stockOf(spec: ProductSpec, type: ProductType): { qty: number | null; isInStock: 0 | 1 } | null {
  if (spec.qty === null) return null;
  const qty = spec.qty ?? (type === 'configurable' ? 0 : 100);
  const isInStock = spec.isInStock ?? (type === 'configurable' || qty > 0 ? 1 : 0);
  return { qty, isInStock };
}
