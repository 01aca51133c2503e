import { QueryRunner } from 'typeorm';
import { ShopProfile, table } from './shop-profile';

export interface AttributeMeta {
  id: number;
  code: string;
  /** Which value table holds it: int, varchar, decimal, text, datetime (or static). */
  backendType: string;
  frontendInput: string | null;
}

/** What the reader needs to know about the shop's attributes, looked up by code, never assumed. */
export interface MagentoMetadata {
  byCode: Map<string, AttributeMeta>;
  /** select, multiselect and boolean attributes: the ones whose values are labels. */
  labelled: AttributeMeta[];
  categoryNameId: number | null;
}

const LABELLED_INPUTS = ['select', 'multiselect', 'boolean'];

/** Reads product and category attribute definitions from eav_attribute, keyed by entity type code. */
export async function loadMagentoMetadata(runner: QueryRunner, tables: Pick<ShopProfile, 'tablePrefix'>): Promise<MagentoMetadata> {
  const rows: Array<{ attribute_id: number; attribute_code: string; backend_type: string; frontend_input: string | null; entity_type_code: string }> =
    await runner.query(
      `SELECT a.attribute_id, a.attribute_code, a.backend_type, a.frontend_input, t.entity_type_code
         FROM ${table(tables, 'eav_attribute')} a
         JOIN ${table(tables, 'eav_entity_type')} t ON t.entity_type_id = a.entity_type_id
        WHERE t.entity_type_code = 'catalog_product'
           OR (t.entity_type_code = 'catalog_category' AND a.attribute_code = 'name')`,
    );
  const byCode = new Map<string, AttributeMeta>();
  let categoryNameId: number | null = null;
  for (const row of rows) {
    if (row.entity_type_code === 'catalog_category') {
      categoryNameId = Number(row.attribute_id);
      continue;
    }
    byCode.set(row.attribute_code, {
      id: Number(row.attribute_id),
      code: row.attribute_code,
      backendType: row.backend_type,
      frontendInput: row.frontend_input,
    });
  }
  const labelled = [...byCode.values()].filter((a) => LABELLED_INPUTS.includes(a.frontendInput ?? ''));
  return { byCode, labelled, categoryNameId };
}
