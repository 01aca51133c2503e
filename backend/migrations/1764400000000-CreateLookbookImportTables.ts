import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tables the product import fills. Column types hold anything Magento can hold: titles and
 * keys are varchar(255) there, joined option labels and category paths can be longer, so those are
 * TEXT; prices keep Magento's decimal precision; the SKU compares byte for byte.
 */
export class CreateLookbookImportTables1764400000000 implements MigrationInterface {
  name = 'CreateLookbookImportTables1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE products (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        source_id INT UNSIGNED NOT NULL,
        sku VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
        title VARCHAR(255) NOT NULL,
        price DECIMAL(12,4) NULL,
        size_range TEXT NULL,
        color TEXT NULL,
        material TEXT NULL,
        pattern TEXT NULL,
        occasion TEXT NULL,
        season TEXT NULL,
        image_key VARCHAR(255) NULL,
        url_key VARCHAR(255) NULL,
        category TEXT NULL,
        attributes JSON NULL,
        in_stock TINYINT(1) NOT NULL DEFAULT 0,
        stock_qty DECIMAL(16,4) NOT NULL DEFAULT 0,
        product_created_at DATETIME NULL,
        content_hash CHAR(40) CHARACTER SET ascii NOT NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_products_sku (sku),
        KEY ix_products_source_id (source_id),
        KEY ix_products_title (title)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    `);
    // active_slot is 1 while a job is queued or running and NULL otherwise; its unique key lets the
    // database itself refuse a second active job, whichever backend process inserts it.
    await queryRunner.query(`
      CREATE TABLE product_import_jobs (
        id CHAR(36) CHARACTER SET ascii NOT NULL,
        status ENUM('queued','running','completed','failed') NOT NULL,
        params JSON NOT NULL,
        metrics JSON NOT NULL,
        errors JSON NOT NULL,
        created_at DATETIME(3) NOT NULL,
        started_at DATETIME(3) NULL,
        finished_at DATETIME(3) NULL,
        heartbeat_at DATETIME(3) NULL,
        error_message TEXT NULL,
        active_slot TINYINT AS (IF(status IN ('queued','running'), 1, NULL)) PERSISTENT,
        PRIMARY KEY (id),
        UNIQUE KEY uq_product_import_jobs_active (active_slot),
        KEY ix_product_import_jobs_created (created_at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    `);
    await queryRunner.query(`
      CREATE TABLE product_import_meta (
        \`key\` VARCHAR(64) NOT NULL,
        value VARCHAR(255) NOT NULL,
        updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (\`key\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE product_import_meta');
    await queryRunner.query('DROP TABLE product_import_jobs');
    await queryRunner.query('DROP TABLE products');
  }
}
