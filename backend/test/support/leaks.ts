import { parseMysqlUrl } from '../../src/config/app-config';
import { TestDatabases } from './test-databases';

/**
 * The fragments of `text` an error answer must never carry: where the databases are and how to log
 * in to them (host, port, database, user, password), SQL, and stack frames. Returns those found.
 */
export function leakedDetails(text: string, dbs: TestDatabases, extraPorts: number[] = []): string[] {
  const secrets = new Set<string>(['127.0.0.1', 'localhost', 'mysql://', ...extraPorts.map((p) => `:${p}`)]);
  for (const url of [dbs.magentoUrl, dbs.lookbookUrl]) {
    const db = parseMysqlUrl('url', url);
    // Case-sensitive on purpose: "Lookbook database unavailable" is the readable message.
    for (const value of [db.host, db.database, db.user, db.password, `:${db.port}`]) if (value) secrets.add(value);
  }
  const found = [...secrets].filter((secret) => text.includes(secret));
  for (const pattern of [/\b(SELECT|INSERT|UPDATE|DELETE|SLEEP)\b/, /\bat \S+ \(.*:\d+:\d+\)/, /\bat .*\.js:\d+/, /ECONN\w+|PROTOCOL_\w+|ER_\w+/]) {
    const match = pattern.exec(text);
    if (match) found.push(match[0]);
  }
  return found;
}
