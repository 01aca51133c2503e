import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { APP_CONFIG, AppConfig, loadAppConfig, parseMysqlUrl } from '../../src/config/app-config';
import { lookbookDataSource, lookbookDataSourceOptions, magentoDataSourceOptions } from '../../src/database/data-source-options';
import { migrateLookbook } from '../../src/database/migrate';
import { fileLogger } from './logs-to-file';
import { TestDatabases } from './test-databases';
import { testEnv } from './test-env';

/** The configuration a test app runs with: the suite's databases plus any variables given. */
export function testConfig(dbs: TestDatabases, env: Record<string, string> = {}): AppConfig {
  return loadAppConfig({ ...testEnv(dbs), ...env });
}

/** The real Nest app, configured as main.ts configures it, on the suite's migrated databases. */
export async function startTestApp(dbs: TestDatabases, env: Record<string, string> = {}): Promise<NestExpressApplication> {
  const config = testConfig(dbs, env);
  await migrateLookbook(config.lookbookDb);
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).overrideProvider(APP_CONFIG).useValue(config).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: fileLogger });
  configureApp(app, config);
  await app.init();
  return app;
}

export async function openDataSources(dbs: TestDatabases) {
  const lookbook = lookbookDataSource(lookbookDataSourceOptions(parseMysqlUrl('LOOKBOOK_DB_URL', dbs.lookbookUrl)));
  const magento = new DataSource(magentoDataSourceOptions(parseMysqlUrl('MYSQL_SHOP_URL', dbs.magentoUrl)));
  await Promise.all([lookbook.initialize(), magento.initialize()]);
  return { lookbook, magento, close: () => Promise.all([lookbook.destroy(), magento.destroy()]) };
}
