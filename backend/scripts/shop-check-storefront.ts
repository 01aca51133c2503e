// shop:check's lines on what the shopper sees: the storefront's base URLs, timezone and date, one
// product's link and photo as the import writes them, and how many products on sale have a sale
// price today, photos and a URL rewrite. Read through the importer's own reader, so they agree.
import { DataSource, QueryRunner } from 'typeorm';
import { AppConfig } from '../src/config/app-config';
import { eligibleIdsQuery } from '../src/product-import/adapters/magento/eligibility-sql';
import { MagentoCatalogAdapter } from '../src/product-import/adapters/magento/magento-catalog.adapter';
import { ShopProfile, hasTables, table } from '../src/product-import/adapters/magento/shop-profile';
import { todayIn } from '../src/product-import/adapters/magento/storefront';
import { toUnits } from '../src/product-import/adapters/magento/decimal';

const PAGE = 1_000;

export async function printStorefront(dataSource: DataSource, runner: QueryRunner, profile: ShopProfile, settings: AppConfig['magento']): Promise<void> {
  const { storefront } = profile;
  console.log(`Storefront: links ${storefront.linkBase ?? '(none)'}; photos ${storefront.mediaBase ?? '(none)'}; timezone ${storefront.timeZone}, today ${todayIn(storefront.timeZone)}`);
  const reader = new MagentoCatalogAdapter(dataSource, { magento: settings, import: { sourceDelayMs: 0 } } as AppConfig);
  const counts = { onSale: 0, salePrice: 0, photos: 0 };
  let sample: { product_url: string | null; image_url: string | null } | null = null;
  for (let afterId = 0; ; ) {
    const ids = await reader.selectEligibleIds({ afterId, limit: PAGE, continuing: afterId > 0 });
    if (ids.length === 0) break;
    const { products } = await reader.fetchProducts(ids);
    for (const product of products) {
      sample ??= product;
      counts.onSale++;
      if (product.final_price !== null && product.price !== null && toUnits(product.final_price) < toUnits(product.price)) counts.salePrice++;
      if (product.images.length > 0 || product.image_url !== null) counts.photos++;
    }
    afterId = ids[ids.length - 1];
  }
  if (sample) console.log(`Sample: product URL ${sample.product_url ?? '(none)'}; image URL ${sample.image_url ?? '(none)'}`);
  const rewrites = await countWithRewrite(runner, profile);
  console.log(`On sale with a sale price today: ${fmt(counts.salePrice)}; with photos: ${fmt(counts.photos)}; with a URL rewrite: ${fmt(rewrites)} (of ${fmt(counts.onSale)})`);
  for (const problem of storefront.problems) console.log(`Hint: ${problem}`);
}

async function countWithRewrite(runner: QueryRunner, profile: ShopProfile): Promise<number> {
  if (!hasTables(profile, 'url_rewrite')) return 0;
  const { sql, params } = eligibleIdsQuery(profile, { afterId: 0, limit: null });
  const [{ n }] = await runner.query(
    `SELECT COUNT(*) AS n FROM (${sql}) on_sale
      WHERE EXISTS (SELECT 1 FROM ${table(profile, 'url_rewrite')} u
                     WHERE u.entity_type = 'product' AND u.entity_id = on_sale.entity_id AND u.store_id = ? AND u.redirect_type = 0 AND u.metadata IS NULL)`,
    [...params, profile.storeId],
  );
  return Number(n);
}

const fmt = (n: number) => n.toLocaleString('en');
