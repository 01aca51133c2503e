import type { Connection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { STAGING_OPEN_END, STAGING_ORIGIN, type MagentoShape } from './schema';

export const CATEGORY_ATTRIBUTE_SET_ID = 3;

export interface CategoryNode {
  id: number;
  /** Magento's materialised path of entity ids, e.g. "1/2/11/12". */
  path: string;
  level: number;
}

export interface CategoryNames {
  name: string;
  /** A store-1 override of the name. */
  storeName?: string;
  /** Overrides of the name for any store, by store id (e.g. a translation on store 2). */
  storeNames?: Record<number, string>;
  /**
   * Staged schema only: the category was renamed by a content update that started at `until`
   * (a Unix timestamp); before that it was called `name`, now it is called the node's `name`.
   */
  previously?: { name: string; until: number };
}

/**
 * Inserts one category under `parent` (null for the tree root) the way Magento lays it out:
 * path of ids, level, position among siblings, and children_count kept on every ancestor.
 * In a staged schema the entity id comes from sequence_catalog_category and each version is its
 * own row (names hang on row_id); paths and parent ids hold entity ids, as in Magento.
 * Timestamps are given, never the clock, so seeded catalogs stay identical run to run.
 */
export async function insertCategory(
  conn: Connection,
  shape: MagentoShape,
  nameAttributeId: number,
  parent: CategoryNode | null,
  names: CategoryNames,
  timestamp: string,
): Promise<CategoryNode> {
  const entities = shape.table('catalog_category_entity');
  const parentId = parent?.id ?? 0;
  const [[{ position }]] = await conn.query<RowDataPacket[]>(
    `SELECT COUNT(DISTINCT entity_id) + 1 AS position FROM ${entities} WHERE parent_id = ?`,
    [parentId],
  );
  const level = parent ? parent.level + 1 : 0;
  const columns = '(attribute_set_id, parent_id, created_at, updated_at, path, position, level, children_count)';
  const values = [CATEGORY_ATTRIBUTE_SET_ID, parentId, timestamp, timestamp, position, level];

  const nameRows: Array<[number, number, number, string]> = [];
  let id: number;
  if (shape.staged) {
    const [sequence] = await conn.query<ResultSetHeader>(`INSERT INTO ${shape.table('sequence_catalog_category')} () VALUES ()`);
    id = sequence.insertId;
    const versions = names.previously
      ? [{ createdIn: STAGING_ORIGIN, updatedIn: names.previously.until, name: names.previously.name }, { createdIn: names.previously.until, updatedIn: STAGING_OPEN_END, name: names.name }]
      : [{ createdIn: STAGING_ORIGIN, updatedIn: STAGING_OPEN_END, name: names.name }];
    for (const version of versions) {
      const [row] = await conn.query<ResultSetHeader>(
        `INSERT INTO ${entities} (entity_id, created_in, updated_in, ${columns.slice(1)} VALUES (?, ?, ?, ?, ?, ?, ?, '', ?, ?, 0)`,
        [id, version.createdIn, version.updatedIn, ...values],
      );
      nameRows.push([nameAttributeId, 0, row.insertId, version.name], ...storeNameRows(nameAttributeId, row.insertId, names));
    }
  } else {
    const [row] = await conn.query<ResultSetHeader>(`INSERT INTO ${entities} ${columns} VALUES (?, ?, ?, ?, '', ?, ?, 0)`, values);
    id = row.insertId;
    nameRows.push([nameAttributeId, 0, id, names.name], ...storeNameRows(nameAttributeId, id, names));
  }

  const path = parent ? `${parent.path}/${id}` : String(id);
  // updated_at is assigned to itself so ON UPDATE CURRENT_TIMESTAMP does not stamp the clock.
  await conn.query(`UPDATE ${entities} SET path = ?, updated_at = updated_at WHERE entity_id = ?`, [path, id]);
  if (parent) {
    await conn.query(
      `UPDATE ${entities} SET children_count = children_count + 1, updated_at = updated_at WHERE entity_id IN (?)`,
      [parent.path.split('/').map(Number)],
    );
  }
  await conn.query(`INSERT INTO ${shape.table('catalog_category_entity_varchar')} (attribute_id, store_id, ${shape.linkField}, value) VALUES ?`, [nameRows]);
  return { id, path, level };
}

function storeNameRows(attributeId: number, linkId: number, names: CategoryNames): Array<[number, number, number, string]> {
  const byStore: Record<number, string> = { ...names.storeNames };
  if (names.storeName !== undefined) byStore[1] = names.storeName;
  return Object.entries(byStore).map(([storeId, name]) => [attributeId, Number(storeId), linkId, name]);
}
