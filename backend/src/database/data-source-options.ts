import { DataSourceOptions } from 'typeorm';
import { join } from 'node:path';
import { MysqlConnectionConfig } from '../config/app-config';
import { NamedDataSource } from './named-data-source';

export const MAGENTO_DATA_SOURCE = 'magento';

/**
 * TypeORM sends text queries only, never prepared statements, yet each mysql2 connection reserves
 * a cache for 16,000 of them by default: half a megabyte of heap per pooled connection.
 */
const TEXT_QUERIES_ONLY = { maxPreparedStatements: 1 };

/**
 * mysql2 captures a stack trace on every query by default, to show where a failed one was called
 * from: a job sends ~150 statements, and the capture was a few milliseconds of its main thread.
 * A failed statement still names itself (code, SQL state, message), and every caller labels its
 * stage (see inStage).
 */
const NO_CALL_SITE_TRACES = { trace: false };

/** Strict mode: the Lookbook database refuses a value it would otherwise truncate or coerce, whatever the server's own sql_mode. */
const STRICT_MODE = "SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'";

/** The Lookbook's data source as the app opens it: its errors named, every session strict. */
export function lookbookDataSource(options: DataSourceOptions): NamedDataSource {
  const dataSource = new NamedDataSource('Lookbook', options);
  dataSource.everySession(STRICT_MODE);
  return dataSource;
}

/** The Lookbook database: the app's own, written by the importer; schema owned by migrations. */
export function lookbookDataSourceOptions(db: MysqlConnectionConfig): DataSourceOptions {
  return {
    type: 'mysql',
    ...connection(db),
    synchronize: false,
    migrationsRun: false,
    migrations: [join(__dirname, '../../migrations/*.{ts,js}')],
    migrationsTableName: 'lookbook_migrations',
    extra: { connectionLimit: 10, ...TEXT_QUERIES_ONLY, ...NO_CALL_SITE_TRACES },
  };
}

/** The shop's Magento database: read-only for us, so there is nothing to migrate. */
export function magentoDataSourceOptions(db: MysqlConnectionConfig): DataSourceOptions {
  return {
    type: 'mysql',
    ...connection(db),
    synchronize: false,
    extra: { connectionLimit: 5, ...TEXT_QUERIES_ONLY, ...NO_CALL_SITE_TRACES },
  };
}

function connection(db: MysqlConnectionConfig) {
  return {
    host: db.host,
    port: db.port,
    username: db.user,
    password: db.password,
    database: db.database,
    charset: 'utf8mb4',
    // Keep DATETIME values as written (UTC) rather than shifting them by the server's zone.
    timezone: 'Z',
    // DECIMAL and BIGINT come back as strings, so prices never pass through a float.
    supportBigNumbers: true,
    bigNumberStrings: true,
    connectTimeout: 5_000,
  };
}
