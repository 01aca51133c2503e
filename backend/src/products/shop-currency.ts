import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MAGENTO_DATA_SOURCE } from '../database/data-source-options';
import { NamedDataSource } from '../database/named-data-source';
import { readDefaultConfig } from '../product-import/adapters/magento/shop-config';

const ISO_4217 = /^[A-Z]{3}$/;

/**
 * The shop's base currency, the one its prices are in: Magento's `currency/options/base` at the
 * default scope, read once and kept (a change needs a restart). Without that row or table it is
 * SHOP_CURRENCY. The product list never waits for the shop: while its database is not connected
 * this answers SHOP_CURRENCY and reads in the background, so the next answer is the shop's own.
 */
@Injectable()
export class ShopCurrency {
  private readonly logger = new Logger(ShopCurrency.name);
  private known?: string;
  private reading?: Promise<string>;

  constructor(
    @InjectDataSource(MAGENTO_DATA_SOURCE) private readonly shop: NamedDataSource,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'shopCurrency' | 'magento'>,
  ) {}

  async code(): Promise<string> {
    if (this.known) return this.known;
    this.reading ??= this.read().finally(() => (this.reading = undefined));
    if (this.shop.isInitialized) return this.reading;
    return this.config.shopCurrency;
  }

  private async read(): Promise<string> {
    try {
      // The base currency is set at the default scope (a per-website base needs price scope "website").
      const value = (await readDefaultConfig(this.shop, this.config.magento, 'currency/options/base'))?.toUpperCase();
      this.known = value && ISO_4217.test(value) ? value : this.config.shopCurrency;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== 'ER_NO_SUCH_TABLE') {
        // The shop is out of reach: answer the fallback now, and ask again next time.
        this.logger.warn(`Could not read the shop's base currency (${code ?? (error as Error).message}); using SHOP_CURRENCY ${this.config.shopCurrency} for now`);
        return this.config.shopCurrency;
      }
      this.known = this.config.shopCurrency;
    }
    return this.known;
  }
}
