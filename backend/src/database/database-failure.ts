import { DatabaseName, databaseOf } from './named-data-source';

// Turns a database failure into a sentence an admin can act on. Driver messages can carry
// hostnames, user names or SQL, so only known error codes are put into words; anything else is
// named by its code alone, and the full error goes to the log.

/**
 * Codes that say a database cannot be reached or cannot take work right now, rather than that a
 * request or the code is wrong: asking again later may succeed.
 */
const OUTAGE_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ETIMEDOUT: 'connection timed out',
  ENOTFOUND: 'host not found',
  EHOSTUNREACH: 'host unreachable',
  ECONNRESET: 'connection reset',
  PROTOCOL_CONNECTION_LOST: 'connection lost',
  ER_CONNECTION_KILLED: 'connection killed',
  ER_SERVER_SHUTDOWN: 'server shutting down',
  ER_ACCESS_DENIED_ERROR: 'access denied',
  ER_BAD_DB_ERROR: 'database not found',
  POOL_CLOSED: 'connection pool closed',
};
/**
 * The database answers but could not finish a statement in time: a table locked by someone else
 * (a reindex, a bulk edit) or a statement past its bound. Also worth asking again later.
 */
const BUSY_CODES: Record<string, string> = {
  ER_LOCK_WAIT_TIMEOUT: 'lock wait timeout',
  ER_LOCK_DEADLOCK: 'deadlock',
  ER_QUERY_TIMEOUT: 'statement timed out',
  STATEMENT_BOUND_EXCEEDED: 'statement timed out',
};
/** MariaDB's ER_STATEMENT_TIMEOUT (max_statement_time exceeded), which mysql2 has no name for. */
const STATEMENT_TIMEOUT_ERRNO = 1969;
/** Put into words, but not an outage: waiting will not bring the table back. */
const OTHER_CODES: Record<string, string> = { ER_NO_SUCH_TABLE: 'a required table is missing' };
/** MariaDB's "connection was killed" (ER_CONNECTION_KILLED under another number). */
const CONNECTION_KILLED_ERRNO = 1927;

/** A failure whose message was written to be shown to an admin as it is (no host, user or SQL in it). */
export class ExplainedFailure extends Error {}

export function isOutage(error: unknown): boolean {
  const { code, errno } = (error ?? {}) as { code?: unknown; errno?: unknown };
  return (typeof code === 'string' && code in OUTAGE_CODES) || errno === CONNECTION_KILLED_ERRNO || isBusy(error);
}

export function isBusy(error: unknown): boolean {
  const { code, errno } = (error ?? {}) as { code?: unknown; errno?: unknown };
  return (typeof code === 'string' && code in BUSY_CODES) || errno === STATEMENT_TIMEOUT_ERRNO;
}

export function describeFailure(database: DatabaseName, error: unknown): string {
  if (error instanceof ExplainedFailure) return `${database} database: ${error.message}`;
  const { code, errno } = (error ?? {}) as { code?: string; errno?: number };
  if (code && BUSY_CODES[code]) return `${database} database busy: ${BUSY_CODES[code]}`;
  if (errno === STATEMENT_TIMEOUT_ERRNO) return `${database} database busy: statement timed out`;
  const words = code ? (OUTAGE_CODES[code] ?? OTHER_CODES[code]) : undefined;
  if (words) return `${database} database unavailable: ${words}`;
  if (errno === CONNECTION_KILLED_ERRNO) return `${database} database unavailable: connection killed`;
  if (code) return `${database} database error (${code})`;
  return `${database} database error`;
}

/**
 * "Lookbook database unavailable: connection refused" (or "Magento database busy: lock wait
 * timeout") when `error` is one of our databases being out of reach or too busy to answer, in words
 * safe to show a client; undefined for any other error.
 */
export function describeOutage(error: unknown): string | undefined {
  const database = databaseOf(error);
  return database && isOutage(error) ? describeFailure(database, error) : undefined;
}
