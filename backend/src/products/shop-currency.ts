import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { SHOP_CURRENCY_META_KEY } from '../product-import/ports/product-sink';

export type CurrencySource = 'shop' | 'setting';

export interface PriceCurrency {
  code: string;
  /** shop: the shop's own base currency; setting: SHOP_CURRENCY, since the shop has never said. */
  source: CurrencySource;
}

/**
 * The currency the Lookbook's prices are in. The shop's diagnosis reads the shop's base currency
 * (Magento's `currency/options/base`) whenever the shop answers and keeps it in the Lookbook
 * (product_import_meta), so a shop that does not answer, now or at a restart, never changes the
 * money shown. SHOP_CURRENCY is only for a shop that has never told us, and says so.
 */
@Injectable()
export class ShopCurrency {
  private known?: string;

  constructor(
    @InjectDataSource() private readonly lookbook: DataSource,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'shopCurrency'>,
  ) {}

  async currency(): Promise<PriceCurrency> {
    // Kept once found: the shop's base currency changes with a data migration, not while we run.
    this.known ??= await this.stored();
    return this.known ? { code: this.known, source: 'shop' } : { code: this.config.shopCurrency, source: 'setting' };
  }

  private async stored(): Promise<string | undefined> {
    const rows: Array<{ value: string }> = await this.lookbook.query('SELECT value FROM product_import_meta WHERE `key` = ?', [SHOP_CURRENCY_META_KEY]);
    return rows[0]?.value || undefined;
  }
}
