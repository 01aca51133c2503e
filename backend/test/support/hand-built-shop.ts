import { NestExpressApplication } from '@nestjs/platform-express';
import mysql from 'mysql2/promise';
import { MagentoCatalogBuilder } from '../../../scripts/magento/catalog-builder';
import { parseMysqlUrl } from '../../src/config/app-config';
import { startTestApp } from './test-app';
import { TestDatabases, createTestDatabases } from './test-databases';

/**
 * A suite's hand-built shop and the real app on it: fresh databases, a Magento catalog the suite
 * builds product by product, and the in-process Nest app with the given settings.
 */
export class HandBuiltShop {
  private constructor(
    readonly dbs: TestDatabases,
    readonly shop: mysql.Connection,
    readonly builder: MagentoCatalogBuilder,
    readonly app: NestExpressApplication,
  ) {}

  /** `build` writes the catalog before the app starts (the app reads the shop's shape at boot). */
  static async start(suite: string, env: Record<string, string>, build: (builder: MagentoCatalogBuilder, shop: mysql.Connection) => Promise<void>): Promise<HandBuiltShop> {
    const dbs = await createTestDatabases(suite);
    const shop = await mysql.createConnection({ uri: dbs.magentoUrl, charset: 'utf8mb4' });
    try {
      const builder = await MagentoCatalogBuilder.create(shop);
      await build(builder, shop);
      return new HandBuiltShop(dbs, shop, builder, await startTestApp(dbs, env));
    } catch (error) {
      await shop.end();
      await dbs.drop();
      throw error;
    }
  }

  get http() {
    return this.app.getHttpServer();
  }

  get lookbookDb(): string {
    return parseMysqlUrl('LOOKBOOK_DB_URL', this.dbs.lookbookUrl).database;
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.shop.end();
    await this.dbs.drop();
  }
}

// Changes to the shop, in SQL as Magento's admin would leave its tables.

export function setSku(shop: mysql.Connection, entityId: number, sku: string) {
  return shop.query('UPDATE catalog_product_entity SET sku = ? WHERE entity_id = ?', [sku, entityId]);
}

export async function deleteProduct(shop: mysql.Connection, entityId: number): Promise<void> {
  for (const table of ['int', 'varchar', 'decimal', 'text', 'datetime']) await shop.query(`DELETE FROM catalog_product_entity_${table} WHERE entity_id = ?`, [entityId]);
  await shop.query('DELETE FROM cataloginventory_stock_item WHERE product_id = ?', [entityId]);
  await shop.query('DELETE FROM catalog_product_entity WHERE entity_id = ?', [entityId]);
}
