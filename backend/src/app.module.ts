import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { AppConfigModule } from './config/app-config.module';
import { DatabaseModule } from './database/database.module';
import { HealthController } from './health/health.controller';
import { ProductImportModule } from './product-import/product-import.module';
import { ProductsModule } from './products/products.module';
import { SecurityModule } from './security/security.module';

@Module({
  imports: [
    AppConfigModule,
    DatabaseModule,
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => [{ name: 'default', ttl: 60_000, limit: config.jobRequestsPerMinute }],
    }),
    SecurityModule,
    // The health controller logs each change of a database's state once; Terminus would log every failed probe.
    TerminusModule.forRoot({ logger: false }),
    ProductImportModule,
    ProductsModule,
  ],
  controllers: [HealthController],
})
export class AppModule {}
