import mysql from 'mysql2/promise';

/** `database: false` for URLs that name a server and user only (TEST_DB_URL). */
export function parseMysqlUrl(name, value, { database: needsDatabase = true } = {}) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} is not a URL; expected mysql://user:pass@host:port/db`);
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!['mysql:', 'mariadb:'].includes(url.protocol) || !url.hostname || !url.username || (needsDatabase && !database)) {
    throw new Error(`${name} must look like mysql://user:pass@host:port/${needsDatabase ? 'db' : ''}`);
  }
  return {
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: database || undefined,
  };
}

/** Resolves to null when the server answers for this user and database, else to the reason. */
export async function tryConnect({ host, port, user, password, database }) {
  try {
    const connection = await mysql.createConnection({ host, port, user, password, database, connectTimeout: 2000 });
    await connection.end();
    return null;
  } catch (error) {
    return error.code ?? error.message;
  }
}
