// Reads .env (when present) into process.env without overriding what is already set.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const DEFAULT_URLS = {
  MYSQL_SHOP_URL: 'mysql://lookbook:lookbook@127.0.0.1:3306/magento',
  LOOKBOOK_DB_URL: 'mysql://lookbook:lookbook@127.0.0.1:3306/lookbook',
};

export function loadEnv(file = resolve(import.meta.dirname, '../../.env')) {
  if (!existsSync(file)) return;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = line.match(/^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/);
    if (!match || process.env[match[1]] !== undefined) continue;
    process.env[match[1]] = match[2].replace(/^(['"])(.*)\1$/, '$2');
  }
}
