import { config as loadDotenv } from 'dotenv';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root: the nearest folder above this file that holds nest-cli.json. */
function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'nest-cli.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the repository root (nest-cli.json)');
    dir = parent;
  }
  return dir;
}

/** Reads the root `.env`, when present, without overriding variables already set. */
export function loadEnvFile(): void {
  const file = join(repoRoot(), '.env');
  if (existsSync(file)) loadDotenv({ path: file, quiet: true });
}
