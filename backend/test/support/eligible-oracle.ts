import type mysql from 'mysql2/promise';
import { eligibleProducts, type EligibilityQuery, type EligibleProduct } from '../../../scripts/magento/eligibility';

export type OracleOptions = Omit<EligibilityQuery, 'database'>;

/**
 * The products a job must import from a Magento database: the shop's own rules for "on sale" in
 * a store (website, enabled, visible, stock flag and quantity or MSI salable quantity, Adobe
 * Commerce's version in force), in plain SQL written apart from the importer's reader
 * (scripts/magento/eligibility.ts, which the seed's summary counts with as well).
 */
export async function eligibleSourceIds(conn: mysql.Connection, database: string, options: OracleOptions = {}): Promise<number[]> {
  return (await eligibleSourceProducts(conn, database, options)).map((product) => product.id);
}

/** The same products with the stock_qty each must be imported with. */
export async function eligibleSourceProducts(conn: mysql.Connection, database: string, options: OracleOptions = {}): Promise<EligibleProduct[]> {
  return eligibleProducts(conn, { ...options, database });
}
