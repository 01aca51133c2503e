import { ShopProfile, table } from './shop-profile';

/** Anything that runs a query: a data source, or a query runner inside a transaction. */
interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * A configuration value at Magento's default scope (`core_config_data`, under the shop's table
 * prefix), trimmed; null when unset or empty. A missing table is the caller's to handle
 * (ER_NO_SUCH_TABLE), since what it means differs.
 */
export async function readDefaultConfig(db: Queryable, tables: Pick<ShopProfile, 'tablePrefix'>, path: string): Promise<string | null> {
  const rows = (await db.query(
    `SELECT value FROM ${table(tables, 'core_config_data')} WHERE path = ? AND scope = 'default' AND scope_id = 0 LIMIT 1`,
    [path],
  )) as Array<{ value: string | null }>;
  return rows[0]?.value?.trim() || null;
}
