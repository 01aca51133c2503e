import { DataSource } from 'typeorm';
import { MysqlConnectionConfig } from '../config/app-config';
import { lookbookDataSourceOptions } from './data-source-options';

/** Applies pending Lookbook migrations; returns the names of those it ran (none on a second run). */
export async function migrateLookbook(db: MysqlConnectionConfig): Promise<string[]> {
  const dataSource = new DataSource(lookbookDataSourceOptions(db));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
