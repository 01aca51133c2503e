import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/** Integration tests need a real server: make sure one answers before any suite starts. */
export default function globalSetup(): void {
  execFileSync('node', [resolve(__dirname, '../../../scripts/db/ensure-db.mjs')], { stdio: 'inherit' });
}
