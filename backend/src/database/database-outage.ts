import { describeFailure } from '../product-import/job/describe-failure';
import { databaseOf } from './named-data-source';

/**
 * Driver error codes that say a database cannot be reached or cannot take work right now, rather
 * than that a request or the code is wrong: asking again later may succeed.
 */
const OUTAGE_CODES = new Set([
  'ECONNREFUSED',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ECONNRESET',
  'PROTOCOL_CONNECTION_LOST',
  'ER_CONNECTION_KILLED',
  'ER_SERVER_SHUTDOWN',
  'ER_ACCESS_DENIED_ERROR',
  'ER_BAD_DB_ERROR',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_LOCK_DEADLOCK',
  'POOL_CLOSED',
]);
/** MariaDB's "connection was killed" (ER_CONNECTION_KILLED under another number). */
const CONNECTION_KILLED_ERRNO = 1927;

/**
 * "Lookbook database unavailable: connection refused" when `error` is one of our databases being
 * out of reach, in words safe to show a client; undefined for any other error.
 */
export function describeOutage(error: unknown): string | undefined {
  const database = databaseOf(error);
  const { code, errno } = (error ?? {}) as { code?: unknown; errno?: unknown };
  const outage = (typeof code === 'string' && OUTAGE_CODES.has(code)) || errno === CONNECTION_KILLED_ERRNO;
  return database && outage ? describeFailure(database, error) : undefined;
}
