import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * sku_key is the SKU compared as Magento compares SKUs (its sku column's general_ci collation:
 * case, accents and trailing spaces do not count), indexed, so a job finds every Lookbook row whose
 * SKU the shop would treat as the same one before it writes, and decides who owns it (see
 * resolveSkuClaims). The SKU itself stays unique byte for byte, as stored.
 */
export class CompareSkusAsMagentoDoes1765100000001 implements MigrationInterface {
  name = 'CompareSkusAsMagentoDoes1765100000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE products
        ADD COLUMN sku_key VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci AS (sku) PERSISTENT AFTER sku,
        ADD KEY ix_products_sku_key (sku_key)
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE products DROP KEY ix_products_sku_key, DROP COLUMN sku_key');
  }
}
