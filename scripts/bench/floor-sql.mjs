// The floor: the import of one id range written as a single set-based INSERT ... SELECT from the
// Magento tables straight into a Lookbook `products` table, with no application code in between.
// Nothing can be faster than the server doing all the work itself, so our time over this time says
// how much the application costs on top of the unavoidable reads and writes.
//
// It mirrors the importer's mapping as far as SQL reasonably can (store 1 value over store 0;
// website 1; legacy stock; labels ordered by sort_order, then option id), so both write the same rows,
// what the shopper sees included: the guest's price today, the gallery, the photo, the product page
// and a configurable's colours. The store's base URLs, URL suffix and today's date are settings of
// the job, resolved once before the statements run (see floor.mjs) and written into them as literals.
// content_hash is a SHA1 of the columns, not the importer's hash of its JSON.

import { escape } from 'mysql2';

const STORE_ID = 1;

/** The image roles, in the order an image's `roles` lists them. */
const IMAGE_ROLES = ['image', 'small_image', 'thumbnail', 'swatch_image'];
/** What can lower a product's regular price for a guest: a sale price and its window. */
const SALE_VALUES = ['special_price', 'special_from_date', 'special_to_date'];

/** Product attributes the statement reads, by code, looked up in eav_attribute (never assumed). */
export const FLOOR_ATTRIBUTES = [
  'status', 'visibility', 'name', 'price', 'url_key', 'image', 'size', 'color',
  'material', 'pattern', 'occasion', 'season', 'media_gallery', ...IMAGE_ROLES,
  'special_price', 'special_from_date', 'special_to_date',
];

/** Labelled attributes without a column of their own: they go into the `attributes` JSON. */
/** Labelled attributes with a column of their own (or none at all): left out of the JSON, as the importer does. */
const OWN_COLUMNS = new Set(['size', 'color', 'material', 'pattern', 'occasion', 'season', 'status', 'visibility']);
const LABELLED_INPUTS = new Set(['select', 'multiselect', 'boolean']);

/** Every labelled attribute the catalog has that the importer writes into `attributes` (a rich catalog has a dozen more). */
const jsonAttributes = (attributes) =>
  Object.entries(attributes).filter(([code, a]) => LABELLED_INPUTS.has(a.frontendInput) && !OWN_COLUMNS.has(code) && code !== 'category_name').map(([code]) => code);
const ownValues = (attributes) => [
  'name', 'price', 'url_key', ...IMAGE_ROLES, 'size', 'color', 'material', 'pattern', 'occasion', 'season', ...SALE_VALUES, ...jsonAttributes(attributes),
];

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
const storefrontText = (expr) => `NULLIF(TRIM(REPLACE(REPLACE(REPLACE(${expr}, '&trade;', '™'), '&frac14;', '¼'), '&amp;', '&')), '')`;
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

/**
 * The floor's statement: INSERT ... SELECT of the eligible products with afterId < entity_id <= lastId.
 * `storefront` is store 1's { mediaBase, linkBase, productUrlSuffix, today } as the importer resolves
 * them (floor.mjs); they are the same for every product, so they go into the SQL as literals.
 * Returns the SQL and `params(afterId, lastId)`, the values of its range placeholders.
 */
export function floorStatement(floorDatabase, attributes, storefront) {
  const a = attributes;
  const valueOf = scopedValue(a);
  const value = (code) => `p.\`${code}\``;
  // Every placeholder is one end of the job's id range, in pairs.
  let ranges = 0;
  const inRange = (column) => {
    ranges += 1;
    return `${column} > ? AND ${column} <= ?`;
  };
  const today = escape(storefront.today);
  const media = escape(storefront.mediaBase);
  // Labels of the option id(s) in `raw`: a select holds one id, a multiselect a comma-separated list.
  const labelsOf = (code, aggregate = (label) => `GROUP_CONCAT(${label} ORDER BY o.sort_order, o.option_id SEPARATOR ', ')`) => {
    const match = a[code].frontendInput === 'multiselect'
      ? `o.attribute_id = ${a[code].id} AND FIND_IN_SET(o.option_id, ${value(code)})`
      : `o.option_id = ${value(code)}`;
    return `(SELECT ${aggregate('o.label')} FROM option_labels o WHERE ${match})`;
  };
  const imageUrl = (file) => `CONCAT(${media}, 'catalog/product', IF(LEFT(${file}, 1) = '/', '', '/'), ${file})`;
  const finalPrice = finalPriceOf(today);
  const stockQty = `IF(p.type_id = 'configurable', COALESCE(r.qty, 0), COALESCE(si.qty, 0))`;
  const configurable = (expr) => `IF(p.type_id = 'configurable', ${expr}, NULL)`;
  const images = shownImages(a, 'p.entity_id', 'i');
  const childImages = shownImages(a, 'c.entity_id', 'ci');
  const galleryOrder = `${images.position} IS NULL, ${images.position}, ${images.valueId}`;
  const columns = [
    'source_id', 'sku', 'title', 'price', 'final_price', 'stock_qty', 'in_stock', 'size_range', 'color', 'material', 'pattern',
    'occasion', 'season', 'image_key', 'images', 'image_url', 'url_key', 'product_url', 'category', 'attributes', 'variants',
    'product_created_at',
  ];

  const sql = `
INSERT INTO \`${floorDatabase}\`.products (${columns.join(', ')}, content_hash)
WITH
-- Each option's label for the store, else its admin label.
option_labels AS (
  SELECT o.option_id, o.attribute_id, o.sort_order, ${storefrontText('COALESCE(v_s.value, v_d.value)')} AS label
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
   WHERE ${inRange('p.entity_id')}
     AND ${eligibleConditions(valueOf)}
),
-- The children every configurable of the range sells (enabled, in the website, in stock), each with
-- the price a guest pays for it today. Read by range (through the parent_id index) rather than from
-- \`eligible\`, which would then be computed a second time.
counted_children AS (
  SELECT c.parent_id, c.entity_id, c.qty, c.price, c.size, c.color, c.image,
         ${finalPrice('c', { tierPrice: `MIN(${tierPrice('tp')})`, tierPercentage: 'MAX(tp.percentage_value)', rulePrice: 'MIN(cr.rule_price)' })} AS final_price
    FROM (
      SELECT l.parent_id, l.product_id AS entity_id, si.qty,
             ${['price', 'size', 'color', 'image', ...SALE_VALUES].map((c) => `${valueOf(c, 'l.product_id')} AS ${c}`).join(', ')}
        FROM catalog_product_super_link l
        JOIN catalog_product_entity parent ON parent.entity_id = l.parent_id AND parent.type_id = 'configurable'
        JOIN catalog_product_entity c ON c.entity_id = l.product_id
        JOIN cataloginventory_stock_item si ON si.product_id = l.product_id AND si.stock_id = 1 AND si.qty > 0 AND si.is_in_stock = 1
       WHERE ${inRange('l.parent_id')} AND ${valueOf('status', 'l.product_id')} = 1 AND ${inWebsite('l.product_id')}
    ) c
    LEFT JOIN catalog_product_entity_tier_price tp ON tp.entity_id = c.entity_id AND ${tierForGuest('tp')}
    LEFT JOIN catalogrule_product_price cr ON cr.product_id = c.entity_id AND ${ruleForGuest('cr', today)}
   GROUP BY c.parent_id, c.entity_id
),
-- The counted children by colour (no colour: one group, left out of the variants). first_image is
-- the base image of the first child (by entity id) whose base image is shown, as the child's id
-- zero-padded to 10 digits followed by the URL, so that MIN() over children or colours finds it.
colour_groups AS (
  SELECT c.parent_id, cl.option_id AS color_id, MIN(cl.label) AS color, MIN(cl.sort_order) AS color_sort,
         SUM(c.qty) AS qty, MIN(c.price) AS price, MIN(c.final_price) AS final_price,
         MIN(IF(EXISTS (SELECT 1 FROM ${childImages.tables} WHERE ${childImages.shown} AND BINARY ${childImages.file} = ${imageRole('c.image')}),
                CONCAT(LPAD(c.entity_id, 10, '0'), ${imageUrl(imageRole('c.image', false))}), NULL)) AS first_image,
         CONCAT('[', COALESCE(GROUP_CONCAT(DISTINCT JSON_QUOTE(sl.label) ORDER BY sl.sort_order, sl.option_id SEPARATOR ','), ''), ']') AS sizes,
         GROUP_CONCAT(DISTINCT sl.option_id) AS size_ids
    FROM counted_children c
    LEFT JOIN option_labels sl ON sl.option_id = c.size AND sl.attribute_id = ${a.size.id}
    LEFT JOIN option_labels cl ON cl.option_id = c.color AND cl.attribute_id = ${a.color.id}
   GROUP BY c.parent_id, cl.option_id
),
-- Every configurable of the range rolled up over its counted children: summed qty, lowest price and
-- final price, the first child's shown base image, their sizes (as option ids, named per product
-- below) and colours, and one variant per colour.
child_rollup AS (
  SELECT g.parent_id, SUM(g.qty) AS qty, MIN(g.price) AS price, MIN(g.final_price) AS final_price,
         SUBSTRING(MIN(g.first_image), 11) AS image_url,
         GROUP_CONCAT(g.size_ids) AS size_ids,
         GROUP_CONCAT(DISTINCT g.color ORDER BY g.color_sort, g.color_id SEPARATOR ', ') AS colors,
         CONCAT('[', COALESCE(GROUP_CONCAT(IF(g.color_id IS NULL, NULL, JSON_OBJECT(
           'color', g.color, 'swatch', COALESCE(sw_s.value, sw_d.value), 'image_url', SUBSTRING(g.first_image, 11), 'sizes', JSON_EXTRACT(g.sizes, '$'),
           'stock_qty', CAST(g.qty AS DOUBLE), 'final_price', CAST(g.final_price AS CHAR)
         )) ORDER BY g.color_sort, g.color_id SEPARATOR ','), ''), ']') AS variants
    FROM colour_groups g
    -- Hex swatches only; the store's over the admin's.
    LEFT JOIN eav_attribute_option_swatch sw_s ON sw_s.option_id = g.color_id AND sw_s.store_id = ${STORE_ID} AND sw_s.type = 1
    LEFT JOIN eav_attribute_option_swatch sw_d ON sw_d.option_id = g.color_id AND sw_d.store_id = 0 AND sw_d.type = 1
   GROUP BY g.parent_id
),
-- The deepest assigned category (ties: lowest id), named along its path below the store's root.
deepest_category AS (
  SELECT product_id, path FROM (
    SELECT cp.product_id, c.path, ROW_NUMBER() OVER (PARTITION BY cp.product_id ORDER BY c.level DESC, c.entity_id) AS depth_rank
      FROM catalog_category_product cp JOIN catalog_category_entity c ON c.entity_id = cp.category_id
     WHERE ${inRange('cp.product_id')}
  ) ranked WHERE depth_rank = 1
),
category_names AS (
  SELECT c.entity_id, ${storefrontText('IF(n_s.value_id IS NULL, n_d.value, n_s.value)')} AS name
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
),
-- What can lower the price of the range's products besides a sale price: tier prices and catalog rules.
product_offers AS (
  SELECT o.entity_id, MIN(o.tier_price) AS tier_price, MAX(o.tier_percentage) AS tier_percentage, MIN(o.rule_price) AS rule_price
    FROM (
      SELECT tp.entity_id, ${tierPrice('tp')} AS tier_price, tp.percentage_value AS tier_percentage, NULL AS rule_price
        FROM catalog_product_entity_tier_price tp
       WHERE ${inRange('tp.entity_id')} AND ${tierForGuest('tp')}
      UNION ALL
      SELECT cr.product_id, NULL, NULL, cr.rule_price
        FROM catalogrule_product_price cr
       WHERE ${ruleForGuest('cr', today)} AND ${inRange('cr.product_id')}
    ) o
   GROUP BY o.entity_id
),
-- The store's product page path: its first direct rewrite that is not a category path.
rewrites AS (
  SELECT entity_id, request_path FROM (
    SELECT u.entity_id, u.request_path, ROW_NUMBER() OVER (PARTITION BY u.entity_id ORDER BY u.url_rewrite_id) AS rewrite_rank
      FROM url_rewrite u
     WHERE u.store_id = ${STORE_ID} AND ${inRange('u.entity_id')} AND u.entity_type = 'product'
       AND u.redirect_type = 0 AND u.metadata IS NULL AND u.request_path <> ''
  ) ranked WHERE rewrite_rank = 1
)
SELECT row.*, SHA1(CONCAT_WS('|', ${columns.map((c) => `row.${c}`).join(', ')})) FROM (
  -- One row per product: its shown images are folded into \`images\` here, where its roles are at hand.
  SELECT p.entity_id AS source_id,
         p.sku,
         COALESCE(${storefrontText('p.name')}, p.sku) AS title,
         COALESCE(p.price, ${configurable('r.price')}) AS price,
         IF(p.type_id = 'configurable', r.final_price, ${finalPrice('p', { tierPrice: 'offers.tier_price', tierPercentage: 'offers.tier_percentage', rulePrice: 'offers.rule_price' })}) AS final_price,
         ${stockQty} AS stock_qty,
         TRUE AS in_stock,
         COALESCE(${labelsOf('size')}, ${configurable(`(SELECT GROUP_CONCAT(DISTINCT o.label ORDER BY o.sort_order, o.option_id SEPARATOR ', ')
                                                  FROM option_labels o WHERE o.attribute_id = ${a.size.id} AND FIND_IN_SET(o.option_id, r.size_ids))`)}) AS size_range,
         COALESCE(${labelsOf('color')}, ${configurable('r.colors')}) AS color,
         ${labelsOf('material')} AS material,
         ${labelsOf('pattern')} AS pattern,
         ${labelsOf('occasion')} AS occasion,
         ${labelsOf('season')} AS season,
         ${imageRole('p.image', false)} AS image_key,
         CONCAT('[', COALESCE(GROUP_CONCAT(IF(${images.valueId} IS NULL, NULL, JSON_OBJECT(
           'url', ${imageUrl(images.file)}, 'label', ${images.label},
           'roles', JSON_EXTRACT(CONCAT('[', CONCAT_WS(',', ${IMAGE_ROLES.map((role) => `IF(BINARY ${images.file} = ${imageRole(`p.${role}`)}, '"${role}"', NULL)`).join(', ')}), ']'), '$')
         )) ORDER BY ${galleryOrder} SEPARATOR ','), ''), ']') AS images,
         -- The base image when shown, else the first image; a configurable without either: its first child's.
         COALESCE(MAX(IF(BINARY ${images.file} = ${imageRole('p.image')}, ${imageUrl(images.file)}, NULL)),
                  GROUP_CONCAT(${imageUrl(images.file)} ORDER BY ${galleryOrder} SEPARATOR '' LIMIT 1),
                  ${configurable('r.image_url')}) AS image_url,
         NULLIF(p.url_key, '') AS url_key,
         CONCAT(${escape(storefront.linkBase)}, COALESCE(rw.request_path, CONCAT(NULLIF(p.url_key, ''), ${escape(storefront.productUrlSuffix)}),
                CONCAT('catalog/product/view/id/', p.entity_id))) AS product_url,
         cat.category,
         ${attributesJson(a, value, labelsOf)} AS attributes,
         IF(p.type_id = 'configurable', COALESCE(r.variants, '[]'), '[]') AS variants,
         p.created_at AS product_created_at
    FROM eligible p
    LEFT JOIN cataloginventory_stock_item si ON si.product_id = p.entity_id AND si.stock_id = 1
    LEFT JOIN child_rollup r ON r.parent_id = p.entity_id
    LEFT JOIN category_paths cat ON cat.product_id = p.entity_id
    LEFT JOIN rewrites rw ON rw.entity_id = p.entity_id
    LEFT JOIN product_offers offers ON offers.entity_id = p.entity_id
    LEFT JOIN (${images.tables}) ON ${images.shown}
   GROUP BY p.entity_id
) row
ORDER BY row.source_id
ON DUPLICATE KEY UPDATE ${[...columns.filter((c) => c !== 'sku'), 'content_hash'].map((c) => `${c} = VALUES(${c})`).join(', ')}`;

  const pairs = ranges;
  return { sql, params: (afterId, lastId) => Array.from({ length: pairs }, () => [afterId, lastId]).flat() };
}

/**
 * A role's file (trimmed; "no_selection" is none), compared byte for byte with a gallery file as
 * the importer compares them (the tables' collation ignores case and trailing spaces).
 */
function imageRole(expr, binary = true) {
  const file = `NULLIF(NULLIF(TRIM(${expr}), ''), 'no_selection')`;
  return binary ? `CAST(${file} AS BINARY)` : file;
}

/** A datetime's calendar date ('YYYY-MM-DD'); Magento's zero date is none. */
const day = (expr) => `IF(LEFT(${expr}, 4) = '0000', NULL, LEFT(${expr}, 10))`;

/**
 * What a guest pays today, in SQL, from the item's own values (`item`: price, special_price and its
 * window) and its offers (SQL for the lowest fixed tier price, the largest tier percentage off and
 * the lowest rule price): the lowest of the regular price, the sale price while its window is open,
 * the tier prices and the rule price, at Magento's own six places as the importer reads them; a
 * percentage off is rounded half up to four.
 */
const finalPriceOf = (today) => (item, { tierPrice, tierPercentage, rulePrice }) => {
  const regular = `${item}.price`;
  const saleOpen = `${item}.special_price IS NOT NULL AND COALESCE(${day(`${item}.special_from_date`)} <= ${today}, TRUE)
                    AND COALESCE(${today} <= ${day(`${item}.special_to_date`)}, TRUE)`;
  return `IF(${item}.price IS NULL, NULL, LEAST(${regular},
            IF(${saleOpen}, ${item}.special_price, ${regular}),
            COALESCE(${tierPrice}, ${regular}),
            COALESCE(ROUND(${regular} * (100 - ${tierPercentage}) / 100, 4), ${regular}),
            COALESCE(${rulePrice}, ${regular})))`;
};

/** Tier price rows a guest gets for one unit in the website (all groups or group 0; website 0 or its own). */
const tierForGuest = (tp) => `${tp}.qty <= 1 AND (${tp}.all_groups = 1 OR ${tp}.customer_group_id = 0) AND ${tp}.website_id IN (0, ${WEBSITE_ID})`;
/** A tier row's fixed price (a percentage row has none). */
const tierPrice = (tp) => `IF(${tp}.percentage_value IS NULL, ${tp}.value, NULL)`;
/** The catalog rules' price rows for a guest in the website today. */
const ruleForGuest = (cr, today) => `${cr}.rule_date = ${today} AND ${cr}.website_id = ${WEBSITE_ID} AND ${cr}.customer_group_id = 0`;

/**
 * The shown gallery images of the product `entity`, as tables to join (aliases prefixed with
 * `alias`) and the condition that makes a joined row one of them: images of the media_gallery
 * attribute linked to the product (found through the link table's index on the product), with
 * label, position and disabled from the store's value row over the admin's, field by field.
 */
const shownImages = (a, entity, alias) => {
  const [e, g, s, d] = ['e', 'g', 's', 'd'].map((name) => `${alias}_${name}`);
  return {
    tables: `catalog_product_entity_media_gallery_value_to_entity ${e}
        JOIN catalog_product_entity_media_gallery ${g} ON ${g}.value_id = ${e}.value_id AND ${g}.attribute_id = ${a.media_gallery.id}
             AND ${g}.media_type = 'image' AND ${g}.disabled = 0 AND ${g}.value <> ''
        LEFT JOIN catalog_product_entity_media_gallery_value ${s} ON ${s}.entity_id = ${e}.entity_id AND ${s}.value_id = ${e}.value_id AND ${s}.store_id = ${STORE_ID}
        LEFT JOIN catalog_product_entity_media_gallery_value ${d} ON ${d}.entity_id = ${e}.entity_id AND ${d}.value_id = ${e}.value_id AND ${d}.store_id = 0`,
    shown: `${e}.entity_id = ${entity} AND COALESCE(${s}.disabled, ${d}.disabled, 0) <> 1`,
    valueId: `${g}.value_id`,
    file: `${g}.value`,
    label: `NULLIF(COALESCE(${s}.label, ${d}.label), '')`,
    position: `COALESCE(${s}.position, ${d}.position)`,
  };
};

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
