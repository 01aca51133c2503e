import { QueryRunner } from 'typeorm';
import { ShopProfile, liveCategoryVersion, table } from './shop-profile';
import { storefrontText } from './storefront-text';

/** A category of the store's tree: how deep it is, and its path below the store's root as the storefront names it. */
export interface TreeCategory {
  level: number;
  /** Names joined with " > " (categories without a name left out); null when none has a name. */
  path: string | null;
}

/** The store's category tree, by category entity id: only categories below its root category. */
export type CategoryTree = Map<number, TreeCategory>;

/**
 * Every category below the store's root category, with its named path: one query, read once
 * per job (a shop has hundreds or a few thousand categories), so a page only reads which
 * categories its products are in. Paths use category entity ids on every edition; on Commerce a
 * category's name hangs on its live version's row_id.
 */
export async function selectCategoryTree(runner: QueryRunner, profile: ShopProfile): Promise<CategoryTree> {
  const tree: CategoryTree = new Map();
  const nameAttributeId = profile.attributes.categoryNameId;
  if (nameAttributeId === null) return tree;
  const link = profile.categoryLink;
  const rows: Array<{ entity_id: number; path: string; level: number; store_id: number | null; value: string | null }> = await runner.query(
    `SELECT c.entity_id, c.path, c.level, v.store_id, v.value
       FROM ${table(profile, 'catalog_category_entity')} c
       LEFT JOIN ${table(profile, 'catalog_category_entity_varchar')} v
              ON v.${link} = c.${link} AND v.attribute_id = ? AND v.store_id IN (0, ?)
      WHERE c.path LIKE ? AND ${liveCategoryVersion(profile, 'c')}`,
    [nameAttributeId, profile.storeId, `%/${profile.rootCategoryId}/%`],
  );
  // The store view's name wins over the admin (store 0) name.
  const names = new Map<number, string | null>();
  const categories = new Map<number, { level: number; below: number[] }>();
  for (const row of rows) {
    const id = Number(row.entity_id);
    if (row.store_id !== null && (Number(row.store_id) === profile.storeId || !names.has(id))) names.set(id, storefrontText(row.value));
    if (categories.has(id)) continue;
    // path "1/2/11/12": 1 is the tree root (level 0), 2 the store's root category (level 1).
    const path = String(row.path).split('/').map(Number);
    categories.set(id, { level: Number(row.level), below: path.slice(path.indexOf(profile.rootCategoryId) + 1) });
  }
  for (const [id, { level, below }] of categories) {
    const labels = below.map((step) => names.get(step)).filter((name): name is string => !!name);
    tree.set(id, { level, path: labels.length > 0 ? labels.join(' > ') : null });
  }
  return tree;
}

/**
 * Each product's category path: that of its deepest category in the store's tree (greatest level;
 * ties: lowest category id). Categories under another store's root are not this store's.
 */
export async function selectCategoryPaths(runner: QueryRunner, profile: ShopProfile, tree: CategoryTree, productIds: number[]): Promise<Map<number, string>> {
  const paths = new Map<number, string>();
  if (productIds.length === 0 || tree.size === 0) return paths;
  const assignments: Array<{ product_id: number; category_id: number }> = await runner.query(
    `SELECT product_id, category_id FROM ${table(profile, 'catalog_category_product')} WHERE product_id IN (?)`,
    [productIds],
  );
  const deepest = new Map<number, { id: number; category: TreeCategory }>();
  for (const row of assignments) {
    const id = Number(row.category_id);
    const category = tree.get(id);
    if (!category) continue;
    const productId = Number(row.product_id);
    const current = deepest.get(productId);
    if (!current || category.level > current.category.level || (category.level === current.category.level && id < current.id)) {
      deepest.set(productId, { id, category });
    }
  }
  for (const [productId, { category }] of deepest) {
    if (category.path !== null) paths.set(productId, category.path);
  }
  return paths;
}
