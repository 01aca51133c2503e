import { QueryRunner } from 'typeorm';
import { ShopProfile, liveCategoryVersion, table } from './shop-profile';
import { storefrontText } from './storefront-text';

/**
 * Each product's category path below the store's root category, as names joined with " > ".
 * The path is that of its deepest assigned category in the store's tree (greatest level; ties:
 * lowest category id): categories under another store's root are not this store's.
 * Two queries for the whole page: assignments with their paths, then the names on those paths.
 * Assignments and paths use category entity ids on every edition; on Commerce a category's name
 * hangs on its live version's row_id.
 */
export async function selectCategoryPaths(runner: QueryRunner, profile: ShopProfile, productIds: number[]): Promise<Map<number, string>> {
  const paths = new Map<number, string>();
  const nameAttributeId = profile.attributes.categoryNameId;
  if (productIds.length === 0 || nameAttributeId === null) return paths;
  const assignments: Array<{ product_id: number; category_id: number; path: string; level: number }> = await runner.query(
    `SELECT cp.product_id, c.entity_id AS category_id, c.path, c.level
       FROM ${table(profile, 'catalog_category_product')} cp
       JOIN ${table(profile, 'catalog_category_entity')} c ON c.entity_id = cp.category_id AND ${liveCategoryVersion(profile, 'c')}
      WHERE cp.product_id IN (?) AND c.path LIKE ?
      ORDER BY cp.product_id, c.level DESC, c.entity_id ASC`,
    [productIds, `%/${profile.rootCategoryId}/%`],
  );
  const deepest = new Map<number, number[]>();
  for (const row of assignments) {
    if (deepest.has(Number(row.product_id))) continue;
    // path "1/2/11/12": 1 is the tree root (level 0), 2 the store's root category (level 1).
    const path = String(row.path).split('/').map(Number);
    const below = path.slice(path.indexOf(profile.rootCategoryId) + 1);
    if (below.length > 0) deepest.set(Number(row.product_id), below);
  }
  const categoryIds = [...new Set([...deepest.values()].flat())];
  if (categoryIds.length === 0) return paths;
  const names = await selectCategoryNames(runner, profile, categoryIds, nameAttributeId);
  for (const [productId, ids] of deepest) {
    const labels = ids.map((id) => names.get(id)).filter((name): name is string => !!name);
    if (labels.length > 0) paths.set(productId, labels.join(' > '));
  }
  return paths;
}

async function selectCategoryNames(runner: QueryRunner, profile: ShopProfile, categoryIds: number[], nameAttributeId: number) {
  const link = profile.categoryLink;
  const rows: Array<{ entity_id: number; store_id: number; value: string | null }> = await runner.query(
    `SELECT c.entity_id, v.store_id, v.value
       FROM ${table(profile, 'catalog_category_entity_varchar')} v
       JOIN ${table(profile, 'catalog_category_entity')} c ON c.${link} = v.${link} AND ${liveCategoryVersion(profile, 'c')}
      WHERE v.attribute_id = ? AND v.store_id IN (0, ?) AND c.entity_id IN (?)`,
    [nameAttributeId, profile.storeId, categoryIds],
  );
  const names = new Map<number, string | null>();
  const fromStore = new Set<number>();
  for (const row of rows) {
    const id = Number(row.entity_id);
    if (fromStore.has(id)) continue;
    if (Number(row.store_id) === profile.storeId) fromStore.add(id);
    names.set(id, storefrontText(row.value));
  }
  return names;
}
