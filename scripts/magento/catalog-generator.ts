import type { Connection } from 'mysql2/promise';
import { BulkInserter } from './bulk-inserter';
import { insertFashionCategories } from './fashion-categories';
import { AWKWARD_PRODUCTS } from './fashion-vocabulary';
import { DEFAULT_METADATA_OPTIONS, insertMagentoMetadata, METADATA_TIMESTAMP, type MetadataOptions } from './metadata';
import { addProductRows, singleVersion } from './product-rows';
import { CatalogClock, type GeneratorContext } from './product-traits';
import { SeededRandom } from './random';
import { createMagentoSchema, dropMagentoSchema, MagentoShape, type SchemaOptions } from './schema';
import { buildStandalone } from './standalone-factory';
import { buildStyle, type BuiltFamily } from './style-factory';

export interface GenerateCatalogOptions {
  /** Exactly this many rows end up in catalog_product_entity. */
  products: number;
  seed: number;
  metadata?: Partial<MetadataOptions>;
  /** Edition and table prefix; default Open Source without a prefix. */
  schema?: Partial<SchemaOptions>;
  /** Products per transaction; rows go out as multi-row INSERTs of up to 5,000 rows each. */
  productsPerTransaction?: number;
  onProgress?: (written: number, total: number) => void;
}

export interface GenerationSummary {
  products: number;
  configurables: number;
  children: number;
  standalone: number;
  virtual: number;
  /** Products the generator meant to be enabled, visible and in stock; the SQL count must agree. */
  plannedEligible: number;
}

/**
 * Tuned so that about 80% of products belong to configurable styles (about 12 children each) and
 * about 10% of all products are eligible (enabled, visible, in stock on store 1).
 */
const STYLE_SHARE_OF_FAMILIES = 0.21;
const ELIGIBLE_SHARE_OF_VISIBLE = 0.38;

/**
 * Drops and recreates the Magento tables in the connection's current database, then fills them
 * with a deterministic fashion catalog: the same seed gives identical rows, timestamps included.
 * Rows are produced family by family and flushed in batches, so memory stays flat at any size.
 * Sets the session time zone to UTC so stored timestamps do not depend on the server's zone.
 */
export async function generateCatalog(conn: Connection, options: GenerateCatalogOptions): Promise<GenerationSummary> {
  const total = options.products;
  if (!Number.isInteger(total) || total < 1) throw new Error(`products must be a positive integer, got ${total}`);
  if (!Number.isInteger(options.seed)) throw new Error(`seed must be an integer, got ${options.seed}`);

  await conn.query("SET SESSION time_zone = '+00:00'");
  const shape = new MagentoShape(options.schema);
  await dropMagentoSchema(conn, shape);
  await createMagentoSchema(conn, shape);
  const metadata = await insertMagentoMetadata(conn, { ...DEFAULT_METADATA_OPTIONS, ...options.metadata }, shape);
  const categoryIds = await insertFashionCategories(conn, metadata, METADATA_TIMESTAMP);

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
    eligibleShare: ELIGIBLE_SHARE_OF_VISIBLE,
  };
  const summary: GenerationSummary = { products: 0, configurables: 0, children: 0, standalone: 0, virtual: 0, plannedEligible: 0 };
  const inserter = new BulkInserter(conn, shape);
  const perTransaction = options.productsPerTransaction ?? 20_000;
  let nextCommitAt = perTransaction;
  let reported = 0;

  // unique_checks stay on: turning them off saved under 10% here, and they catch a generator bug
  // that would repeat a key. There are no foreign keys to switch off.
  try {
    await conn.beginTransaction();
    while (summary.products < total) {
      const family = nextFamily(ctx, total - summary.products, summary.standalone);
      if (shape.staged) stage(family, () => ++rowId);
      for (const record of family.records) addProductRows(inserter, record);
      tally(summary, family);
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
    await conn.commit();
  } catch (error) {
    await conn.rollback();
    throw error;
  }
  if (reported !== summary.products) options.onProgress?.(summary.products, total);
  return summary;
}

function nextFamily(ctx: GeneratorContext, remaining: number, standaloneSoFar: number): BuiltFamily {
  if (remaining >= 2 && ctx.rng.chance(STYLE_SHARE_OF_FAMILIES)) return buildStyle(ctx, remaining);
  // The first standalone products carry awkward SKUs and names, so even tiny catalogs have them.
  return buildStandalone(ctx, AWKWARD_PRODUCTS[standaloneSoFar]);
}

/** Gives every record of a family its staged versions, and children their parent's row ids. */
function stage(family: BuiltFamily, nextRowId: () => number): void {
  const rowIdsByEntity = new Map<number, number[]>();
  for (const record of family.records) {
    record.versions ??= singleVersion(nextRowId(), record.values);
    rowIdsByEntity.set(record.entityId, record.versions.map((version) => version.rowId));
    if (record.parentId !== undefined) record.parentRowIds = rowIdsByEntity.get(record.parentId);
  }
}

function tally(summary: GenerationSummary, family: BuiltFamily): void {
  summary.products += family.records.length;
  if (family.eligible) summary.plannedEligible += 1;
  for (const record of family.records) {
    if (record.typeId === 'configurable') summary.configurables += 1;
    else if (record.parentId !== undefined) summary.children += 1;
    else summary.standalone += 1;
    if (record.typeId === 'virtual') summary.virtual += 1;
  }
}
