import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { loadEnvFile } from '../../src/config/env-file';

/**
 * Integration tests need a real server: make sure one answers before any suite starts. The suites
 * then create their databases on the server LOOKBOOK_DB_URL names, read from .env here as
 * ensure-db reads it, so the server checked is the server used.
 */
export default function globalSetup(): void {
  execFileSync('node', [resolve(__dirname, '../../../scripts/db/ensure-db.mjs')], { stdio: 'inherit' });
  loadEnvFile();
}
