import { QueryRunner } from 'typeorm';

const WRITE_PRIVILEGES = /\b(ALL PRIVILEGES|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|INDEX|TRIGGER)\b/g;

/**
 * The write privileges the current user holds on the current database (ALL PRIVILEGES, INSERT, …),
 * or an empty list. The importer only reads; a user that can write is a risk, not a failure.
 */
export async function writePrivileges(runner: QueryRunner): Promise<string[]> {
  const [{ database }] = await runner.query('SELECT DATABASE() AS `database`');
  const rows: Array<Record<string, string>> = await runner.query('SHOW GRANTS FOR CURRENT_USER()');
  const found = new Set<string>();
  for (const row of rows) {
    const grant = Object.values(row)[0];
    const on = grant.match(/ ON (\S+) TO /)?.[1];
    if (!on || !(on === '*.*' || coversDatabase(on.split('.')[0], String(database)))) continue;
    for (const privilege of grant.slice(0, grant.indexOf(' ON ')).match(WRITE_PRIVILEGES) ?? []) found.add(privilege);
  }
  return [...found];
}

/** Whether a grant's database part (`magento`, `mag\_%`) covers the database. */
function coversDatabase(quoted: string, database: string): boolean {
  const name = quoted.replace(/^`|`$/g, '');
  const pattern = name.replace(/\\_/g, '\u0000').replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.').replace(/\u0000/g, '_');
  return new RegExp(`^${pattern}$`).test(database);
}
