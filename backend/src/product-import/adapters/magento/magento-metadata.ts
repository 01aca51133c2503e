import { QueryRunner } from 'typeorm';
import { ShopProfile, table } from './shop-profile';

export interface AttributeMeta {
  id: number;
  code: string;
  /** Which value table holds it: int, varchar, decimal, text, datetime (or static). */
  backendType: string;
  frontendInput: string | null;
}

/**
 * An attribute as read from eav_attribute. A class rather than an object literal, for V8: literals
 * whose first property is `id` share one hidden class for it, and the first import job's own
 * record (`{ id: '<uuid>', … }`, read from the Lookbook) turned that field from a small integer into
 * any value, which threw away the optimized code of ~30 functions of the page reader and mapper
 * just after the warm-up had optimized them (measured with --trace-deopt: the first job's backend
 * CPU 600-870 ms against 510 ms with a hidden class of its own).
 */
class ShopAttribute implements AttributeMeta {
  constructor(
    readonly id: number,
    readonly code: string,
    readonly backendType: string,
    readonly frontendInput: string | null,
  ) {}
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
    byCode.set(row.attribute_code, new ShopAttribute(Number(row.attribute_id), row.attribute_code, row.backend_type, row.frontend_input));
  }
  const labelled = [...byCode.values()].filter((a) => LABELLED_INPUTS.includes(a.frontendInput ?? ''));
  return { byCode, labelled, categoryNameId };
}
