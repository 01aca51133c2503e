// The floor: the import of one id range written as a single set-based INSERT ... SELECT from the
// Magento tables straight into a Lookbook `products` table, with no application code in between.
// Nothing can be faster than the server doing all the work itself, so our time over this time says
// how much the application costs on top of the unavoidable reads and writes.
//
// It mirrors the importer's mapping as far as SQL reasonably can (store 1 value over store 0;
// website 1; legacy stock; labels ordered by sort_order, then option id), so both write the same rows.
// content_hash is a SHA1 of the columns, not the importer's hash of its JSON.

const STORE_ID = 1;

/** Product attributes the statement reads, by code, looked up in eav_attribute (never assumed). */
export const FLOOR_ATTRIBUTES = [
  'status', 'visibility', 'name', 'price', 'url_key', 'image', 'size', 'color',
  'material', 'pattern', 'occasion', 'season',
];

/** Labelled attributes without a column of their own: they go into the `attributes` JSON. */
/** Labelled attributes with a column of their own (or none at all): left out of the JSON, as the importer does. */
const OWN_COLUMNS = new Set(['size', 'color', 'material', 'pattern', 'occasion', 'season', 'status', 'visibility']);
const LABELLED_INPUTS = new Set(['select', 'multiselect', 'boolean']);

/** Every labelled attribute the catalog has that the importer writes into `attributes` (a rich catalog has a dozen more). */
const jsonAttributes = (attributes) =>
  Object.entries(attributes).filter(([code, a]) => LABELLED_INPUTS.has(a.frontendInput) && !OWN_COLUMNS.has(code) && code !== 'category_name').map(([code]) => code);
const ownValues = (attributes) => ['name', 'price', 'url_key', 'image', 'size', 'color', 'material', 'pattern', 'occasion', 'season', ...jsonAttributes(attributes)];

/** code → { id, backendType, frontendInput }, for the attributes above and the category name. */
export async function loadFloorAttributes(conn) {
  const [rows] = await conn.query(
    `SELECT a.attribute_id, a.attribute_code, a.backend_type, a.frontend_input, t.entity_type_code
       FROM eav_attribute a JOIN eav_entity_type t ON t.entity_type_id = a.entity_type_id
      WHERE t.entity_type_code = 'catalog_product' OR (t.entity_type_code = 'catalog_category' AND a.attribute_code = 'name')`,
  );
  const attributes = {};
  for (const row of rows) {
    const code = row.entity_type_code === 'catalog_category' ? 'category_name' : row.attribute_code;
    attributes[code] = { id: Number(row.attribute_id), backendType: row.backend_type, frontendInput: row.frontend_input };
  }
  for (const code of [...FLOOR_ATTRIBUTES, 'category_name']) {
    if (!attributes[code]) throw new Error(`the floor needs the "${code}" attribute, which this catalog lacks`);
  }
  return attributes;
}

// An attribute's value for an entity: the store's row, else the admin (store 0) row; a store row
// wins even when its value is NULL. Written as a scalar subquery on the (entity, attribute, store)
// unique key because, as some twenty LEFT JOINs, the optimizer chose full scans for several of
// them. Ids are numbers read from eav_attribute, so writing them into the SQL is safe.
const scopedValue = (attributes) => (code, entity) => {
  const { id, backendType } = attributes[code];
  return `(SELECT v.value FROM catalog_product_entity_${backendType} v
            WHERE v.entity_id = ${entity} AND v.attribute_id = ${id} AND v.store_id IN (0, ${STORE_ID})
            ORDER BY v.store_id DESC LIMIT 1)`;
};

const WEBSITE_ID = 1;

/**
 * Text as the storefront shows it, for the entities the generated catalogs hold (the importer
 * decodes every HTML entity; SQL has no decoder): &trade; first, so "&amp;trade;" decodes once.
 */
const storefront = (expr) => `NULLIF(TRIM(REPLACE(REPLACE(REPLACE(${expr}, '&trade;', '™'), '&frac14;', '¼'), '&amp;', '&')), '')`;
const inWebsite = (entity) => `EXISTS (SELECT 1 FROM catalog_product_website w WHERE w.product_id = ${entity} AND w.website_id = ${WEBSITE_ID})`;

/**
 * On sale (legacy stock): enabled, visible, in the store's website, and in stock: its own item
 * flagged in stock with qty > 0, or (configurable: its own flag set) a child that is enabled, in
 * the website, flagged in stock with qty > 0.
 */
function eligibleConditions(valueOf) {
  return `${valueOf('status', 'p.entity_id')} = 1
     AND COALESCE(${valueOf('visibility', 'p.entity_id')}, 4) <> 1
     AND TRIM(p.sku) <> ''
     AND ${inWebsite('p.entity_id')}
     AND IF(p.type_id = 'configurable',
            EXISTS (SELECT 1 FROM cataloginventory_stock_item f
                     WHERE f.product_id = p.entity_id AND f.stock_id = 1 AND f.is_in_stock = 1)
            AND EXISTS (SELECT 1 FROM catalog_product_super_link l
                      JOIN catalog_product_entity c ON c.entity_id = l.product_id
                      JOIN cataloginventory_stock_item si ON si.product_id = l.product_id AND si.stock_id = 1 AND si.qty > 0 AND si.is_in_stock = 1
                     WHERE l.parent_id = p.entity_id AND ${valueOf('status', 'l.product_id')} = 1 AND ${inWebsite('l.product_id')}),
            EXISTS (SELECT 1 FROM cataloginventory_stock_item si
                     WHERE si.product_id = p.entity_id AND si.stock_id = 1 AND si.qty > 0 AND si.is_in_stock = 1))`;
}

/** The eligible id with `count` eligible ids above it: where a job "near the end" starts. */
export function eligibleIdFromEndSql(attributes) {
  return `SELECT p.entity_id FROM catalog_product_entity p
           WHERE ${eligibleConditions(scopedValue(attributes))}
           ORDER BY p.entity_id DESC LIMIT 1 OFFSET ?`;
}

/** The statement's parameters: the range, once for the products, their children and categories. */
export const floorParams = (afterId, lastId) => [afterId, lastId, afterId, lastId, afterId, lastId];

/** INSERT ... SELECT of the eligible products with afterId < entity_id <= lastId (see floorParams). */
export function floorInsertSql(floorDatabase, attributes) {
  const a = attributes;
  const valueOf = scopedValue(a);
  const value = (code) => `p.\`${code}\``;
  // Labels of the option id(s) in `raw`: a select holds one id, a multiselect a comma-separated list.
  const labelsOf = (code, aggregate = (label) => `GROUP_CONCAT(${label} ORDER BY o.sort_order, o.option_id SEPARATOR ', ')`) => {
    const match = a[code].frontendInput === 'multiselect'
      ? `o.attribute_id = ${a[code].id} AND FIND_IN_SET(o.option_id, ${value(code)})`
      : `o.option_id = ${value(code)}`;
    return `(SELECT ${aggregate('o.label')} FROM option_labels o WHERE ${match})`;
  };
  const stockQty = `IF(p.type_id = 'configurable', COALESCE(r.qty, 0), COALESCE(si.qty, 0))`;
  const columns = [
    'source_id', 'sku', 'title', 'price', 'stock_qty', 'in_stock', 'size_range', 'color', 'material', 'pattern',
    'occasion', 'season', 'image_key', 'url_key', 'category', 'attributes', 'product_created_at',
  ];

  return `
INSERT INTO \`${floorDatabase}\`.products (${columns.join(', ')}, content_hash)
WITH
-- Each option's label for the store, else its admin label.
option_labels AS (
  SELECT o.option_id, o.attribute_id, o.sort_order, ${storefront('COALESCE(v_s.value, v_d.value)')} AS label
    FROM eav_attribute_option o
    LEFT JOIN eav_attribute_option_value v_s ON v_s.option_id = o.option_id AND v_s.store_id = ${STORE_ID}
    LEFT JOIN eav_attribute_option_value v_d ON v_d.option_id = o.option_id AND v_d.store_id = 0
   WHERE COALESCE(v_s.value, v_d.value) IS NOT NULL
),
-- On sale (see eligibleConditions), with the product's own values. Referenced once, so each value is read once.
eligible AS (
  SELECT p.entity_id, p.type_id, TRIM(p.sku) AS sku, p.created_at,
         ${ownValues(a).map((c) => `${valueOf(c, 'p.entity_id')} AS \`${c}\``).join(',\n         ')}
    FROM catalog_product_entity p
   WHERE p.entity_id > ? AND p.entity_id <= ?
     AND ${eligibleConditions(valueOf)}
),
-- Every configurable of the range rolled up over the children it sells: summed qty,
-- lowest price, their sizes and colours. Read by range (through the parent_id index) rather than
-- from \`eligible\`, which would then be computed a second time.
child_rollup AS (
  SELECT c.parent_id, SUM(c.qty) AS qty, MIN(c.price) AS price,
         GROUP_CONCAT(DISTINCT sl.label ORDER BY sl.sort_order, sl.option_id SEPARATOR ', ') AS sizes,
         GROUP_CONCAT(DISTINCT cl.label ORDER BY cl.sort_order, cl.option_id SEPARATOR ', ') AS colors
    FROM (
      SELECT l.parent_id, si.qty, ${['price', 'size', 'color'].map((c) => `${valueOf(c, 'l.product_id')} AS ${c}`).join(', ')}
        FROM catalog_product_super_link l
        JOIN catalog_product_entity parent ON parent.entity_id = l.parent_id AND parent.type_id = 'configurable'
        JOIN catalog_product_entity c ON c.entity_id = l.product_id
        JOIN cataloginventory_stock_item si ON si.product_id = l.product_id AND si.stock_id = 1 AND si.qty > 0 AND si.is_in_stock = 1
       WHERE l.parent_id > ? AND l.parent_id <= ? AND ${valueOf('status', 'l.product_id')} = 1 AND ${inWebsite('l.product_id')}
    ) c
    LEFT JOIN option_labels sl ON sl.option_id = c.size
    LEFT JOIN option_labels cl ON cl.option_id = c.color
   GROUP BY c.parent_id
),
-- The deepest assigned category (ties: lowest id), named along its path below the store's root.
deepest_category AS (
  SELECT product_id, path FROM (
    SELECT cp.product_id, c.path, ROW_NUMBER() OVER (PARTITION BY cp.product_id ORDER BY c.level DESC, c.entity_id) AS depth_rank
      FROM catalog_category_product cp JOIN catalog_category_entity c ON c.entity_id = cp.category_id
     WHERE cp.product_id > ? AND cp.product_id <= ?
  ) ranked WHERE depth_rank = 1
),
category_names AS (
  SELECT c.entity_id, ${storefront('IF(n_s.value_id IS NULL, n_d.value, n_s.value)')} AS name
    FROM catalog_category_entity c
    LEFT JOIN catalog_category_entity_varchar n_s ON n_s.entity_id = c.entity_id AND n_s.attribute_id = ${a.category_name.id} AND n_s.store_id = ${STORE_ID}
    LEFT JOIN catalog_category_entity_varchar n_d ON n_d.entity_id = c.entity_id AND n_d.attribute_id = ${a.category_name.id} AND n_d.store_id = 0
),
category_paths AS (
  SELECT d.product_id,
         GROUP_CONCAT(n.name ORDER BY FIND_IN_SET(n.entity_id, REPLACE(d.path, '/', ',')) SEPARATOR ' > ') AS category
    FROM deepest_category d
    JOIN category_names n ON FIND_IN_SET(n.entity_id, REPLACE(d.path, '/', ',')) > 2 AND n.name <> ''
   GROUP BY d.product_id
)
SELECT row.*, SHA1(CONCAT_WS('|', ${columns.map((c) => `row.${c}`).join(', ')})) FROM (
  SELECT p.entity_id AS source_id,
         p.sku,
         COALESCE(${storefront('p.name')}, p.sku) AS title,
         COALESCE(p.price, IF(p.type_id = 'configurable', r.price, NULL)) AS price,
         ${stockQty} AS stock_qty,
         TRUE AS in_stock,
         COALESCE(${labelsOf('size')}, IF(p.type_id = 'configurable', r.sizes, NULL)) AS size_range,
         COALESCE(${labelsOf('color')}, IF(p.type_id = 'configurable', r.colors, NULL)) AS color,
         ${labelsOf('material')} AS material,
         ${labelsOf('pattern')} AS pattern,
         ${labelsOf('occasion')} AS occasion,
         ${labelsOf('season')} AS season,
         NULLIF(NULLIF(TRIM(p.image), ''), 'no_selection') AS image_key,
         NULLIF(p.url_key, '') AS url_key,
         cat.category,
         ${attributesJson(a, value, labelsOf)} AS attributes,
         p.created_at AS product_created_at
    FROM eligible p
    LEFT JOIN cataloginventory_stock_item si ON si.product_id = p.entity_id AND si.stock_id = 1
    LEFT JOIN child_rollup r ON r.parent_id = p.entity_id
    LEFT JOIN category_paths cat ON cat.product_id = p.entity_id
) row
ORDER BY row.source_id
ON DUPLICATE KEY UPDATE ${[...columns.filter((c) => c !== 'sku'), 'content_hash'].map((c) => `${c} = VALUES(${c})`).join(', ')}`;
}

/** The labelled attributes without a column, as JSON; JSON_MERGE_PATCH drops the null ones. */
function attributesJson(a, value, labelsOf) {
  const pairs = jsonAttributes(a).map((code) => {
    const input = a[code].frontendInput;
    if (input === 'boolean') {
      // An int column never holds '' (and comparing it with '' is an error in strict mode).
      const empty = a[code].backendType === 'int' ? `${value(code)} IS NULL` : `NULLIF(${value(code)}, '') IS NULL`;
      return `'${code}', IF(${empty}, NULL, IF(${value(code)} = 1, 'Yes', 'No'))`;
    }
    if (input === 'multiselect') {
      return `'${code}', JSON_EXTRACT(${labelsOf(code, (label) => `JSON_ARRAYAGG(${label} ORDER BY o.sort_order, o.option_id)`)}, '$')`;
    }
    return `'${code}', ${labelsOf(code, (label) => `MIN(${label})`)}`;
  });
  return `JSON_MERGE_PATCH('{}', JSON_OBJECT(${pairs.join(', ')}))`;
}
