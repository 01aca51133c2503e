import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { MagentoCatalogAdapter } from './adapters/magento/magento-catalog.adapter';
import { ImportJobRepository } from './adapters/lookbook/import-job.repository';
import { LookbookRepository } from './adapters/lookbook/lookbook.repository';
import { CommandHandlers } from './commands';
import { ShopDiagnosisMonitor } from './diagnosis/shop-diagnosis-monitor';
import { EventHandlers } from './events';
import { ImportJobRunner } from './job/import-job-runner';
import { ImportJobSupervisor } from './job/import-job-supervisor';
import { RefreshJobRunner } from './job/refresh-job-runner';
import { CatalogSource } from './ports/catalog-source';
import { ImportJobStore } from './ports/import-job-store';
import { ProductSink } from './ports/product-sink';
import { ProductImportController } from './product-import.controller';
import { QueryHandlers } from './queries';
import { RemainingCount } from './queries/remaining-count';

@Module({
  imports: [CqrsModule],
  controllers: [ProductImportController],
  providers: [
    { provide: CatalogSource, useClass: MagentoCatalogAdapter },
    { provide: ProductSink, useClass: LookbookRepository },
    { provide: ImportJobStore, useClass: ImportJobRepository },
    ImportJobRunner,
    RefreshJobRunner,
    ImportJobSupervisor,
    RemainingCount,
    ShopDiagnosisMonitor,
    ...CommandHandlers,
    ...EventHandlers,
    ...QueryHandlers,
  ],
  exports: [ShopDiagnosisMonitor],
})
export class ProductImportModule {}
