import { Inject, Module } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MAGENTO_DATA_SOURCE, lookbookDataSource, lookbookDataSourceOptions, magentoDataSourceOptions } from './data-source-options';
import { NamedDataSource } from './named-data-source';

/**
 * The two data sources, each a NamedDataSource so its errors say which database failed.
 *
 * - The Lookbook database is connected at boot, and the backend refuses to start without it: it
 *   holds the jobs and the cursor that every endpoint reads, and the stale-job sweep runs at boot.
 *   Failing fast makes a wrong LOOKBOOK_DB_URL obvious and lets the process manager retry. Once
 *   running, the backend rides out a Lookbook outage (503s until it is back).
 * - The shop's database is connected on first use (the shop's diagnosis, in the background at
 *   boot): it is someone else's server, and its being down or slow must neither keep the backend
 *   from listening nor the admin from seeing products and past jobs. Until it answers, health
 *   reports it down and jobs fail with "Magento database unavailable: …"; once it answers, jobs work again.
 *   Its statements are bounded (MAGENTO_QUERY_TIMEOUT_MS): past that, "Magento database busy: …".
 */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ ...lookbookDataSourceOptions(config.lookbookDb), retryAttempts: 2, retryDelay: 500 }),
      dataSourceFactory: async (options) => lookbookDataSource(options!),
    }),
    TypeOrmModule.forRootAsync({
      name: MAGENTO_DATA_SOURCE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ ...magentoDataSourceOptions(config.shopDb), manualInitialization: true }),
      dataSourceFactory: async (options) => new NamedDataSource('Magento', options!),
    }),
  ],
})
export class DatabaseModule {
  constructor(@InjectDataSource(MAGENTO_DATA_SOURCE) shop: NamedDataSource, @Inject(APP_CONFIG) config: AppConfig) {
    // A locked shop table (a reindex, a bulk edit) must fail a job in bounded time, not hang it.
    // Set here, before any lifecycle hook can send the shop a first query.
    shop.boundStatements(config.magento.queryTimeoutMs);
  }
}
