import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the shopper sees: the price a guest pays today, the gallery, the photo to show, the product
 * page's URL and a configurable's colours. The price has Magento's own precision; URLs are TEXT (Magento
 * bounds a request path to 255 characters, a base URL to what its config value holds).
 * Rows imported before keep empty values until the next import or refresh, whose content hash
 * (which now covers these columns) differs and rewrites them.
 */
export class AddShopperFields1765000000000 implements MigrationInterface {
  name = 'AddShopperFields1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE products
        ADD COLUMN final_price DECIMAL(20,6) NULL AFTER price,
        ADD COLUMN images JSON NOT NULL DEFAULT '[]' AFTER image_key,
        ADD COLUMN image_url TEXT NULL AFTER images,
        ADD COLUMN product_url TEXT NULL AFTER url_key,
        ADD COLUMN variants JSON NOT NULL DEFAULT '[]' AFTER attributes
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE products DROP COLUMN final_price, DROP COLUMN images, DROP COLUMN image_url, DROP COLUMN product_url, DROP COLUMN variants');
  }
}
