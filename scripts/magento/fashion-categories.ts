import type { Connection } from 'mysql2/promise';
import { insertCategory, type CategoryNode } from './category-writer';
import type { MagentoMetadata } from './metadata';

interface CategoryDefinition {
  name: string;
  /** German name on the translation store, for some categories only. */
  storeName?: string;
  /** In a staged (Commerce) shop: the name before a content update renamed it. */
  previousName?: string;
  children?: CategoryDefinition[];
}

const leaves = (...names: Array<string | [string, string]>): CategoryDefinition[] =>
  names.map((entry) => (typeof entry === 'string' ? { name: entry } : { name: entry[0], storeName: entry[1] }));

/** Default Category > Men/Women/Gear > Tops/Bottoms/... > leaves, like Magento's Luma store. */
const FASHION_TREE: CategoryDefinition[] = [
  {
    name: 'Men', storeName: 'Herren', children: [
      { name: 'Tops', storeName: 'Oberteile', children: leaves(['Jackets', 'Jacken'], ['Hoodies & Sweatshirts', 'Kapuzenpullis & Sweatshirts'], 'Tees', 'Tanks', ['Shirts', 'Hemden']) },
      { name: 'Bottoms', children: leaves(['Pants', 'Hosen'], 'Jeans', 'Shorts') },
    ],
  },
  {
    name: 'Women', storeName: 'Damen', children: [
      { name: 'Tops', storeName: 'Oberteile', children: leaves(['Jackets', 'Jacken'], 'Hoodies & Sweatshirts', 'Tees', 'Bras & Tanks', ['Blouses', 'Blusen']) },
      { name: 'Bottoms', children: leaves(['Pants', 'Hosen'], 'Leggings', ['Skirts', 'Röcke'], 'Shorts') },
      { name: 'Dresses', storeName: 'Kleider' },
    ],
  },
  {
    name: 'Gear', storeName: 'Ausrüstung', children: [
      ...leaves(['Bags', 'Taschen'], 'Fitness Equipment', ['Watches', 'Uhren']),
      { name: 'Accessories', storeName: 'Accessoires', children: leaves('Caps & Hats', ['Scarves', 'Schals'], ['Socks', 'Socken'], ['Belts', 'Gürtel']) },
    ],
  },
  { name: 'Gift Cards', storeName: 'Geschenkkarten' },
  { name: 'New Arrivals', storeName: 'Neuheiten', previousName: 'New In' },
  { name: 'Sale' },
];

/** Category ids by path below "Default Category", e.g. "Men/Tops/Jackets". */
export type CategoryIds = Map<string, number>;

export const categoryKey = (path: string[]) => path.join('/');

/** Stored as Magento's sample data stores such names: "Hoodies &amp; Sweatshirts". */
const asStored = (name: string) => name.replace(/&/g, '&amp;');

/**
 * Writes the fashion category tree, depth first in a fixed order, and returns its ids (keyed by the
 * plain names). German names go to `translationStoreId`; in a staged shop a renamed category gets
 * its earlier version, replaced at `renamedAt`.
 */
export async function insertFashionCategories(
  conn: Connection,
  metadata: MagentoMetadata,
  timestamp: string,
  { translationStoreId, renamedAt }: { translationStoreId: number; renamedAt: number },
): Promise<CategoryIds> {
  const ids: CategoryIds = new Map();
  const visit = async (definitions: CategoryDefinition[], parent: CategoryNode, parentPath: string[]) => {
    for (const definition of definitions) {
      const node = await insertCategory(conn, metadata.shape, metadata.categoryName.id, parent, {
        name: asStored(definition.name),
        storeNames: definition.storeName === undefined ? undefined : { [translationStoreId]: asStored(definition.storeName) },
        previously: definition.previousName === undefined ? undefined : { name: definition.previousName, until: renamedAt },
      }, timestamp);
      const path = [...parentPath, definition.name];
      ids.set(categoryKey(path), node.id);
      await visit(definition.children ?? [], node, path);
    }
  };
  await visit(FASHION_TREE, metadata.defaultCategory, []);
  return ids;
}
