import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ProductPage } from './product.view';
import { ShopCurrency } from './shop-currency';

/** Reads the Lookbook's products for the admin table. */
@Injectable()
export class ProductsReader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly currency: ShopCurrency,
  ) {}

  async page({ page, pageSize, q }: { page: number; pageSize: number; q: string }): Promise<ProductPage> {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const where = q ? 'WHERE sku LIKE ? OR title LIKE ?' : '';
    const filter = q ? [pattern, pattern] : [];
    const [{ total }] = await this.dataSource.query(`SELECT COUNT(*) AS total FROM products ${where}`, filter);
    const rows = await this.dataSource.query(
      `SELECT sku, source_id, title, price, final_price, image_url, images, product_url, variants, size_range, color, stock_qty,
              in_stock, category, image_key, url_key, updated_at
         FROM products ${where}
        ORDER BY source_id
        LIMIT ? OFFSET ?`,
      [...filter, pageSize, (page - 1) * pageSize],
    );
    const currency = await this.currency.currency();
    return {
      items: rows.map((row: Record<string, any>) => ({
        ...row,
        source_id: Number(row.source_id),
        stock_qty: Number(row.stock_qty),
        in_stock: Number(row.in_stock) === 1,
        images: parseJsonArray(row.images),
        variants: parseJsonArray(row.variants),
        updated_at: new Date(row.updated_at).toISOString(),
      })),
      total: Number(total),
      page,
      pageSize,
      currency: currency.code,
      currency_source: currency.source,
    };
  }
}

/** JSON columns are text on MariaDB; a row written before they existed holds the default []. */
function parseJsonArray(value: unknown): unknown[] {
  const parsed = typeof value === 'string' ? JSON.parse(value) : value;
  return Array.isArray(parsed) ? parsed : [];
}
