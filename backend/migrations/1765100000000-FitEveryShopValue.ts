import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every value Magento can hold fits its column: prices and quantities at Magento's own precision
 * (decimal(20,6), exact), joined option labels and category paths without a size a configurable's
 * children could exceed (LONGTEXT, as JSON already is). Products the Lookbook refuses all the same
 * are remembered in product_import_owed until a later job writes them or the shop stops selling them.
 */
export class FitEveryShopValue1765100000000 implements MigrationInterface {
  name = 'FitEveryShopValue1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE products
        MODIFY price DECIMAL(20,6) NULL,
        MODIFY stock_qty DECIMAL(20,6) NOT NULL DEFAULT 0,
        MODIFY size_range LONGTEXT NULL,
        MODIFY color LONGTEXT NULL,
        MODIFY material LONGTEXT NULL,
        MODIFY pattern LONGTEXT NULL,
        MODIFY occasion LONGTEXT NULL,
        MODIFY season LONGTEXT NULL,
        MODIFY category LONGTEXT NULL
    `);
    await queryRunner.query(`
      CREATE TABLE product_import_owed (
        source_id INT UNSIGNED NOT NULL,
        sku VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
        message TEXT NOT NULL,
        owed_since DATETIME(3) NOT NULL,
        last_tried_at DATETIME(3) NOT NULL,
        PRIMARY KEY (source_id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE product_import_owed');
    await queryRunner.query(`
      ALTER TABLE products
        MODIFY price DECIMAL(12,4) NULL,
        MODIFY stock_qty DECIMAL(16,4) NOT NULL DEFAULT 0,
        MODIFY size_range TEXT NULL,
        MODIFY color TEXT NULL,
        MODIFY material TEXT NULL,
        MODIFY pattern TEXT NULL,
        MODIFY occasion TEXT NULL,
        MODIFY season TEXT NULL,
        MODIFY category TEXT NULL
    `);
  }
}
