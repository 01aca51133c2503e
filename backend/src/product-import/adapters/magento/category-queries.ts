import { QueryRunner } from 'typeorm';

/**
 * Each product's category path below the store's root category, as names joined with " > ".
 * The path is that of its deepest assigned category (greatest level; ties: lowest category id).
 * Two queries for the whole page: assignments with their paths, then the names on those paths.
 */
export async function selectCategoryPaths(
  runner: QueryRunner,
  productIds: number[],
  nameAttributeId: number | null,
  storeId: number,
): Promise<Map<number, string>> {
  const paths = new Map<number, string>();
  if (productIds.length === 0 || nameAttributeId === null) return paths;
  const assignments: Array<{ product_id: number; category_id: number; path: string; level: number }> = await runner.query(
    `SELECT cp.product_id, c.entity_id AS category_id, c.path, c.level
       FROM catalog_category_product cp
       JOIN catalog_category_entity c ON c.entity_id = cp.category_id
      WHERE cp.product_id IN (?)
      ORDER BY cp.product_id, c.level DESC, c.entity_id ASC`,
    [productIds],
  );
  const deepest = new Map<number, number[]>();
  for (const row of assignments) {
    if (deepest.has(Number(row.product_id))) continue;
    // path "1/2/11/12": 1 is the tree root (level 0), 2 the store's root category (level 1).
    const below = String(row.path).split('/').map(Number).slice(2);
    if (below.length > 0) deepest.set(Number(row.product_id), below);
  }
  const categoryIds = [...new Set([...deepest.values()].flat())];
  if (categoryIds.length === 0) return paths;
  const names = await selectCategoryNames(runner, categoryIds, nameAttributeId, storeId);
  for (const [productId, ids] of deepest) {
    const labels = ids.map((id) => names.get(id)).filter((name): name is string => !!name);
    if (labels.length > 0) paths.set(productId, labels.join(' > '));
  }
  return paths;
}

async function selectCategoryNames(runner: QueryRunner, categoryIds: number[], nameAttributeId: number, storeId: number) {
  const rows: Array<{ entity_id: number; store_id: number; value: string | null }> = await runner.query(
    `SELECT entity_id, store_id, value FROM catalog_category_entity_varchar
      WHERE attribute_id = ? AND store_id IN (0, ?) AND entity_id IN (?)`,
    [nameAttributeId, storeId, categoryIds],
  );
  const names = new Map<number, string | null>();
  const fromStore = new Set<number>();
  for (const row of rows) {
    const id = Number(row.entity_id);
    if (fromStore.has(id)) continue;
    if (Number(row.store_id) === storeId) fromStore.add(id);
    names.set(id, row.value);
  }
  return names;
}
