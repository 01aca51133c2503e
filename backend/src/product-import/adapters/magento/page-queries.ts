import { QueryRunner } from 'typeorm';
import { TurnBudget } from '../event-loop-turns';
import type { AttributeMeta } from './magento-metadata';
import type { SourceRow } from './product-mapper';
import { SqlBuilder } from './eligibility-sql';
import { ShopProfile, liveProductVersion, table } from './shop-profile';
import { StockLevel, stockColumns, stockLevelOf } from './stock-queries';
import { idsIn } from './id-runs';
import { storefrontText } from './storefront-text';

// Set-based queries for a whole page of products at once: one per function (the values: one per ~2,000 rows).

/** entity id → attribute id → value, already resolved for the store (its row, else the admin row). */
export type ScopedValues = Map<number, Map<number, string | null>>;

/** A product as the value tables know it: by its link id (row_id of its live version on Commerce). */
export interface ProductRef {
  entityId: number;
  linkId: number;
}

/** The EAV value table of each backend type read (datetime and static attributes are not imported). */
const VALUE_TABLES = {
  int: 'catalog_product_entity_int',
  varchar: 'catalog_product_entity_varchar',
  decimal: 'catalog_product_entity_decimal',
  text: 'catalog_product_entity_text',
} as const;

/** Which attributes to read for which products; an attribute the shop lacks is undefined. */
export interface ValueRequest {
  products: ProductRef[];
  attributes: Array<AttributeMeta | undefined>;
}

/**
 * Value rows a statement is expected to return at most (products × attributes asked for). A
 * statement's result is parsed in one turn of the event loop as it arrives, so an attribute-heavy
 * page is read in a few statements rather than one: 8,000 rows held the loop 20 ms and more in a
 * process's first job, before the parser is optimized.
 */
const VALUE_ROWS_PER_STATEMENT = 2_000;

/**
 * The values of every request, from every EAV value table: each statement a UNION ALL of one
 * SELECT per table and request, so a page's values cost a round trip per ~2,000 rows, not one per
 * table. A product's rows (admin and store view) always come in the same statement.
 */
export async function selectScopedValues(runner: QueryRunner, profile: ShopProfile, requests: ValueRequest[]): Promise<ScopedValues> {
  const { storeId } = profile;
  const values: ScopedValues = new Map();
  const entityOf = new Map<number, number>();
  for (const { products } of requests) for (const product of products) entityOf.set(product.linkId, product.entityId);
  const budget = new TurnBudget();
  for (const statement of valueStatements(profile, requests)) {
    const rows: Array<{ link_id: number; attribute_id: number; store_id: number; value: string | null }> = await runner.query(
      statement.sql,
      statement.params,
    );
    for (let i = 0; i < rows.length; i++) {
      // Asking the clock every 256 rows rather than every row: ~70,000 rows a job on a configurable-heavy catalog.
      if (i % 256 === 0 && budget.spent) await budget.nextTurn();
      const row = rows[i];
      const entityId = entityOf.get(Number(row.link_id))!;
      let attributes = values.get(entityId);
      if (!attributes) values.set(entityId, (attributes = new Map()));
      // The store view's own row wins over the admin (store 0) row, even when its value is NULL.
      if (Number(row.store_id) === storeId || !attributes.has(Number(row.attribute_id))) {
        attributes.set(Number(row.attribute_id), row.value);
      }
    }
  }
  return values;
}

/** The requests split by products into statements of about VALUE_ROWS_PER_STATEMENT rows; small parts share one. */
function valueStatements(profile: ShopProfile, requests: ValueRequest[]): Array<{ sql: string; params: unknown[] }> {
  const statements: ValueRequest[][] = [];
  let current: ValueRequest[] = [];
  let expectedRows = 0;
  for (const part of requests.flatMap(splitByProducts)) {
    const rows = part.products.length * part.attributes.length;
    if (current.length > 0 && expectedRows + rows > VALUE_ROWS_PER_STATEMENT) {
      statements.push(current);
      current = [];
      expectedRows = 0;
    }
    current.push(part);
    expectedRows += rows;
  }
  if (current.length > 0) statements.push(current);
  return statements.map((parts) => unionOfValueSelects(profile, parts)).filter((statement) => statement.params.length > 0);
}

/** A request in even parts of at most VALUE_ROWS_PER_STATEMENT expected rows each. */
function splitByProducts({ products, attributes }: ValueRequest): ValueRequest[] {
  const parts = Math.ceil((products.length * attributes.length) / VALUE_ROWS_PER_STATEMENT);
  const size = Math.ceil(products.length / Math.max(1, parts));
  const split: ValueRequest[] = [];
  for (let i = 0; i < products.length; i += size) split.push({ products: products.slice(i, i + size), attributes });
  return split;
}

function unionOfValueSelects(profile: ShopProfile, requests: ValueRequest[]): { sql: string; params: unknown[] } {
  const { storeId, productLink: link } = profile;
  const reads = requests.filter(({ products }) => products.length > 0).flatMap(({ products, attributes }) => {
    const linked = idsIn(link, products.map((p) => p.linkId));
    return Object.entries(VALUE_TABLES).map(([backendType, valueTable]) => ({
      backendType,
      valueTable,
      linked,
      attributeIds: [...new Set(attributes.filter((a) => a?.backendType === backendType).map((a) => a!.id))],
    }));
  }).filter((read) => read.attributeIds.length > 0);
  // A union's column takes one type from all its SELECTs: with the varchar or text table among
  // them every value reads as text, but the int and decimal tables alone would read a status of 1
  // as "1.000000", so such a statement casts its values to text itself.
  const value = reads.every((read) => read.backendType === 'int' || read.backendType === 'decimal') ? 'CAST(value AS CHAR)' : 'value';
  // "+ 0" keeps the optimizer on the entity_id (row_id) prefix of the unique key, one range per run
  // of ids (see idsIn): with all three IN lists it builds one index range per id × attribute ×
  // store (~4,000 a page), which costs more than reading the rows (measured 7.6 ms → 2.2 ms per
  // query on a page of 1,000).
  const sql = reads
    .map(
      ({ valueTable, linked }) => `SELECT ${link} AS link_id, attribute_id, store_id, ${value} AS value
           FROM ${table(profile, valueTable)}
          WHERE ${linked.sql} AND attribute_id + 0 IN (?) AND store_id + 0 IN (0, ?)`,
    )
    .join('\n UNION ALL\n');
  return { sql, params: reads.flatMap((read) => [...read.linked.params, read.attributeIds, storeId]) };
}

/** The products' own rows (their live version on Commerce), in entity_id order. */
export async function selectProductRows(runner: QueryRunner, profile: ShopProfile, entityIds: number[]): Promise<SourceRow[]> {
  const rows: Array<SourceRow & { link_id: number }> = await runner.query(
    `SELECT e.entity_id, e.${profile.productLink} AS link_id, e.type_id, e.sku, DATE_FORMAT(e.created_at, '%Y-%m-%d %H:%i:%s') AS created_at
       FROM ${table(profile, 'catalog_product_entity')} e
      WHERE e.entity_id IN (?) AND ${liveProductVersion(profile, 'e')}
      ORDER BY e.entity_id`,
    [entityIds],
  );
  return rows.map((row) => ({ ...row, entity_id: Number(row.entity_id), link_id: Number(row.link_id) }));
}

export interface ChildLink {
  parentId: number;
  child: ProductRef;
  /** Whether the child is assigned to the store's website. */
  inWebsite: boolean;
  /** Its stock (see selectStock); null when it has no stock item (legacy stock). */
  stock: StockLevel | null;
}

/**
 * The children of the given configurable products (their live versions), each with what decides
 * whether its values are worth reading: its website assignment and its stock, by the same rules as
 * selectStock. Super links hang on the parent's link id (row_id on Commerce) and name the child by
 * entity_id. One statement: a sample-store-like page has some 3,000 children, and their website and
 * stock as rows of their own were two more results of that size to parse.
 */
export async function selectChildLinks(runner: QueryRunner, profile: ShopProfile, parents: ProductRef[]): Promise<ChildLink[]> {
  if (parents.length === 0) return [];
  const parentOf = new Map(parents.map((p) => [p.linkId, p.entityId]));
  const sql = new SqlBuilder();
  const stock = stockColumns(profile, sql, 'c');
  const text = `SELECT l.parent_id AS parent_link, c.entity_id, c.${profile.productLink} AS link_id,
                       w.product_id IS NOT NULL AS in_website, ${stock.columns}
                  FROM ${table(profile, 'catalog_product_super_link')} l
                  JOIN ${table(profile, 'catalog_product_entity')} c ON c.entity_id = l.product_id AND ${liveProductVersion(profile, 'c')}
                  LEFT JOIN ${table(profile, 'catalog_product_website')} w ON w.product_id = c.entity_id AND w.website_id = ${sql.bind(profile.website.id)}
                  ${stock.join}
                 WHERE l.parent_id IN (${sql.bind([...parentOf.keys()])})
                 ORDER BY l.parent_id, c.entity_id`;
  const rows: Array<{ parent_link: number; entity_id: number; link_id: number; in_website: number | string; stock_qty: string | null; stock_flag: number | string | null }> =
    await runner.query(text, sql.params);
  return rows.map((r) => ({
    parentId: parentOf.get(Number(r.parent_link))!,
    child: { entityId: Number(r.entity_id), linkId: Number(r.link_id) },
    inWebsite: Number(r.in_website) === 1,
    stock: stockLevelOf(profile, r),
  }));
}

export interface OptionLabel {
  /** The attribute the option belongs to: an int that is not one of its attribute's options is no label. */
  attributeId: number;
  label: string;
  sortOrder: number;
}

/**
 * Labels of the given option ids for the store (its label, else the admin label), with sort order,
 * as the storefront shows them (HTML entities decoded, trimmed).
 */
export async function selectOptionLabels(runner: QueryRunner, profile: ShopProfile, optionIds: number[]): Promise<Map<number, OptionLabel>> {
  const { storeId } = profile;
  const labels = new Map<number, OptionLabel & { fromStore: boolean }>();
  if (optionIds.length === 0) return labels;
  const rows: Array<{ option_id: number; attribute_id: number; sort_order: number; store_id: number; value: string | null }> = await runner.query(
    `SELECT o.option_id, o.attribute_id, o.sort_order, v.store_id, v.value
       FROM ${table(profile, 'eav_attribute_option')} o
       JOIN ${table(profile, 'eav_attribute_option_value')} v ON v.option_id = o.option_id AND v.store_id IN (0, ?)
      WHERE o.option_id IN (?)
      ORDER BY v.value_id`,
    [storeId, optionIds],
  );
  for (const row of rows) {
    const label = storefrontText(row.value);
    if (label === null) continue;
    const fromStore = Number(row.store_id) === storeId;
    const current = labels.get(Number(row.option_id));
    if (current && (current.fromStore || !fromStore)) continue;
    labels.set(Number(row.option_id), { attributeId: Number(row.attribute_id), label, sortOrder: Number(row.sort_order), fromStore });
  }
  return labels;
}
