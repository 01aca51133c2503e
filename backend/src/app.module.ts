import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { AppConfigModule } from './config/app-config.module';
import { MAGENTO_DATA_SOURCE, lookbookDataSourceOptions, magentoDataSourceOptions } from './database/data-source-options';
import { HealthController } from './health/health.controller';
import { ProductImportModule } from './product-import/product-import.module';
import { ProductsModule } from './products/products.module';

@Module({
  imports: [
    AppConfigModule,
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ ...lookbookDataSourceOptions(config.lookbookDb), retryAttempts: 2, retryDelay: 500 }),
    }),
    TypeOrmModule.forRootAsync({
      name: MAGENTO_DATA_SOURCE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ ...magentoDataSourceOptions(config.shopDb), retryAttempts: 2, retryDelay: 500 }),
    }),
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => [{ name: 'default', ttl: 60_000, limit: config.jobRequestsPerMinute }],
    }),
    TerminusModule,
    ProductImportModule,
    ProductsModule,
  ],
  controllers: [HealthController],
})
export class AppModule {}
