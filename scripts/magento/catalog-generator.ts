import type { Connection } from 'mysql2/promise';
import { BulkInserter } from './bulk-inserter';
import { insertFashionCategories } from './fashion-categories';
import { AWKWARD_PRODUCTS } from './fashion-vocabulary';
import { DEFAULT_METADATA_OPTIONS, insertMagentoMetadata, METADATA_TIMESTAMP, type MetadataOptions } from './metadata';
import { insertInventoryLayout, type StockMode } from './msi-stock';
import { addProductRows, singleVersion } from './product-rows';
import { CatalogClock, TRANSLATION_STORE_ID, type GeneratorContext } from './product-traits';
import { SeededRandom } from './random';
import { createMagentoSchema, dropMagentoSchema, MagentoShape, type SchemaOptions } from './schema';
import { insertStagingUpdates, PAST_UPDATE, stagedVersions } from './staging';
import { buildStandalone } from './standalone-factory';
import { buildStyle, type BuiltFamily } from './style-factory';
import {
  dateInZone, insertCategoryRewrites, insertStorefrontConfig, storefrontConfigRows, storeTimezones, swatchRows,
} from './storefront-config';
import { addStorefront, type StorefrontContext } from './storefront-factory';
import type { ShopModel } from './storefront-oracle';

export interface GenerateCatalogOptions {
  /** Exactly this many products (entity ids) end up in catalog_product_entity. */
  products: number;
  seed: number;
  metadata?: Partial<MetadataOptions>;
  /** Edition and table prefix; default Open Source without a prefix. */
  schema?: Partial<SchemaOptions>;
  /** Legacy single stock (default) or MSI with a stock per website; see msi-stock.ts. */
  stock?: StockMode;
  /** Products per transaction; rows go out as multi-row INSERTs of up to 5,000 rows each. */
  productsPerTransaction?: number;
  onProgress?: (written: number, total: number) => void;
  /**
   * The moment the shop is generated for: store timezones, sale windows and rule dates are relative
   * to its date in the store's timezone. Default: now.
   */
  now?: Date;
  /** Keep every product record (and the configuration) in summary.model, for the tests' oracle. */
  keepModel?: boolean;
  /**
   * A configurable-heavy catalog, as Magento's sample store: this many size × colour children in
   * every style, and more of the families styles (STYLE_SHARE_WITH_CHILDREN). Default: the fashion mix.
   */
  childrenPerStyle?: number;
}

export interface GenerationSummary {
  products: number;
  configurables: number;
  children: number;
  standalone: number;
  virtual: number;
  /** Products (entity ids) with more than one staged version (Adobe Commerce only). */
  staged: number;
  /**
   * Products the generator meant to be on sale in store 1 by the rules of the stock mode it
   * seeded (legacy or MSI); the SQL count (eligibility.ts) must agree.
   */
  plannedEligible: number;
  /** What was written, when keepModel was set. */
  model?: ShopModel;
}

/**
 * Tuned so that about 80% of products belong to configurable styles (about 12 children each) and
 * about 10% of all products are on sale in store 1.
 */
const STYLE_SHARE_OF_FAMILIES = 0.21;
/**
 * With childrenPerStyle: about 95% of products are a style's children and about 8% of all products
 * on sale, most of those configurables (the sample store: 3,984 of 48,672).
 */
const STYLE_SHARE_WITH_CHILDREN = 0.6;
const ELIGIBLE_SHARE_WITH_CHILDREN = 0.7;
const ELIGIBLE_SHARE_OF_VISIBLE = 0.38;
/** The awkward products are spread over roughly the first 15% of the catalog, never at its very start. */
const AWKWARD_SPREAD = 0.15;

/**
 * Drops and recreates the Magento tables in the connection's current database, then fills them
 * with a deterministic fashion catalog: the same seed (and shape) gives identical rows, timestamps
 * included. Store 1 (website base) is an English store view; German texts live on store 2 (website
 * second). Rows are produced family by family and flushed in batches, so memory stays flat at any
 * size. Sets the session time zone to UTC so stored timestamps do not depend on the server's zone.
 */
export async function generateCatalog(conn: Connection, options: GenerateCatalogOptions): Promise<GenerationSummary> {
  const total = options.products;
  if (!Number.isInteger(total) || total < 1) throw new Error(`products must be a positive integer, got ${total}`);
  if (!Number.isInteger(options.seed)) throw new Error(`seed must be an integer, got ${options.seed}`);
  const { childrenPerStyle } = options;
  if (childrenPerStyle !== undefined && !(Number.isInteger(childrenPerStyle) && childrenPerStyle >= 1)) {
    throw new Error(`childrenPerStyle must be a positive integer, got ${childrenPerStyle}`);
  }
  const stockMode = options.stock ?? 'legacy';
  if (stockMode !== 'legacy' && stockMode !== 'msi') throw new Error(`stock must be "legacy" or "msi", got "${String(stockMode)}"`);

  await conn.query("SET SESSION time_zone = '+00:00'");
  const shape = new MagentoShape(options.schema);
  await dropMagentoSchema(conn, shape);
  await createMagentoSchema(conn, shape);
  const metadata = await insertMagentoMetadata(conn, { ...DEFAULT_METADATA_OPTIONS, translationStoreId: TRANSLATION_STORE_ID, ...options.metadata }, shape);
  // The second website's store view is where the German texts live; its name says so.
  await conn.query(`UPDATE ${shape.table('store')} SET name = 'German Store View' WHERE store_id = ?`, [TRANSLATION_STORE_ID]);
  const categoryIds = await insertFashionCategories(conn, metadata, METADATA_TIMESTAMP, { translationStoreId: TRANSLATION_STORE_ID, renamedAt: PAST_UPDATE.id });
  await insertInventoryLayout(conn, shape, stockMode);
  await conn.query(
    `INSERT INTO ${shape.table('core_config_data')} (scope, scope_id, path, value, updated_at) VALUES ('default', 0, 'currency/options/base', 'EUR', ?)`,
    [METADATA_TIMESTAMP],
  );
  if (shape.staged) await insertStagingUpdates(conn, shape);
  const now = options.now ?? new Date();
  const timezones = storeTimezones(now);
  const config = storefrontConfigRows(timezones);
  const swatches = swatchRows(metadata);
  await insertStorefrontConfig(conn, shape, config, swatches);
  let galleryValueId = 0;
  let rewriteId = 0;
  const storefront: StorefrontContext = {
    // Its own stream, so the products and what is on sale stay those of the same seed without it.
    rng: new SeededRandom(options.seed ^ 0x3a11e7),
    metadata,
    today: dateInZone(now, timezones.base),
    nextGalleryValueId: () => ++galleryValueId,
    nextRewriteId: () => ++rewriteId,
  };

  let entityId = 0;
  let rowId = 0;
  let itemNumber = 0;
  const ctx: GeneratorContext = {
    rng: new SeededRandom(options.seed),
    metadata,
    categoryIds,
    clock: new CatalogClock(options.seed, total),
    nextEntityId: () => ++entityId,
    nextItemNumber: () => ++itemNumber,
    eligibleShare: options.childrenPerStyle ? ELIGIBLE_SHARE_WITH_CHILDREN : ELIGIBLE_SHARE_OF_VISIBLE,
    stockMode,
    richRng: metadata.options.richAttributes ? new SeededRandom(options.seed ^ 0x71c4) : undefined,
    childrenPerStyle: options.childrenPerStyle,
  };
  // Staging draws from its own stream, so both editions hold the same products.
  const stagingRng = new SeededRandom(options.seed ^ 0x5eed);
  // Awkward products (quotes, emoji, other scripts) take a turn every `awkwardEvery` products,
  // starting half a step in: the catalog opens like a shop, and catalogs of a few thousand hold them all.
  const awkwardEvery = Math.max(1, Math.floor((total * AWKWARD_SPREAD) / AWKWARD_PRODUCTS.length));
  let awkwardWritten = 0;
  const summary: GenerationSummary = { products: 0, configurables: 0, children: 0, standalone: 0, virtual: 0, staged: 0, plannedEligible: 0 };
  if (options.keepModel) summary.model = { metadata, config, swatches, products: new Map() };
  const inserter = new BulkInserter(conn, shape);
  const perTransaction = options.productsPerTransaction ?? 20_000;
  let nextCommitAt = perTransaction;
  let reported = 0;

  // unique_checks stay on: turning them off saved under 10% here, and they catch a generator bug
  // that would repeat a key. There are no foreign keys to switch off.
  try {
    await conn.beginTransaction();
    while (summary.products < total) {
      const awkwardDue = awkwardWritten < AWKWARD_PRODUCTS.length && summary.products >= (awkwardWritten + 0.5) * awkwardEvery;
      const family = awkwardDue ? buildStandalone(ctx, AWKWARD_PRODUCTS[awkwardWritten++]) : nextFamily(ctx, total - summary.products);
      for (const record of family.records) {
        addStorefront(storefront, record);
        summary.model?.products.set(record.entityId, record);
      }
      if (shape.staged) summary.staged += stage(family, stagingRng, () => ++rowId);
      for (const record of family.records) addProductRows(inserter, record);
      tally(summary, family, stockMode);
      await inserter.flushFullTables();
      if (summary.products >= nextCommitAt) {
        await conn.commit();
        await conn.beginTransaction();
        nextCommitAt += perTransaction;
        reported = summary.products;
        options.onProgress?.(reported, total);
      }
    }
    await inserter.flushAll();
    await insertCategoryRewrites(conn, shape, [...categoryIds.values()]);
    await conn.commit();
  } catch (error) {
    await conn.rollback();
    throw error;
  }
  if (reported !== summary.products) options.onProgress?.(summary.products, total);
  return summary;
}

function nextFamily(ctx: GeneratorContext, remaining: number): BuiltFamily {
  const styleShare = ctx.childrenPerStyle ? STYLE_SHARE_WITH_CHILDREN : STYLE_SHARE_OF_FAMILIES;
  if (remaining >= 2 && ctx.rng.chance(styleShare)) return buildStyle(ctx, remaining);
  return buildStandalone(ctx);
}

/** Gives every record of a family its staged versions, and children their parent's row ids. */
function stage(family: BuiltFamily, rng: SeededRandom, nextRowId: () => number): number {
  const rowIdsByEntity = new Map<number, number[]>();
  let staged = 0;
  for (const record of family.records) {
    // Children keep one version; their style or a standalone may have a history.
    record.versions = record.parentId === undefined ? stagedVersions(rng, record, nextRowId) : singleVersion(nextRowId(), record.values);
    if (record.versions.length > 1) staged += 1;
    rowIdsByEntity.set(record.entityId, record.versions.map((version) => version.rowId));
    if (record.parentId !== undefined) record.parentRowIds = rowIdsByEntity.get(record.parentId);
  }
  return staged;
}

function tally(summary: GenerationSummary, family: BuiltFamily, stockMode: StockMode): void {
  summary.products += family.records.length;
  if (stockMode === 'msi' ? family.msiEligible : family.eligible) summary.plannedEligible += 1;
  for (const record of family.records) {
    if (record.typeId === 'configurable') summary.configurables += 1;
    else if (record.parentId !== undefined) summary.children += 1;
    else summary.standalone += 1;
    if (record.typeId === 'virtual') summary.virtual += 1;
  }
}
