/**
 * Turns a failure into a sentence an admin can act on. Driver messages can carry hostnames,
 * user names or SQL, so only known error codes are put into words; anything else is named by its
 * code alone, and the full error goes to the log.
 */
const CONNECTION_CODES: Record<string, string> = {
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
  ER_NO_SUCH_TABLE: 'a required table is missing',
  ER_LOCK_WAIT_TIMEOUT: 'lock wait timeout',
  ER_LOCK_DEADLOCK: 'deadlock',
  POOL_CLOSED: 'connection pool closed',
};

export function describeFailure(database: 'Magento' | 'Lookbook', error: unknown): string {
  const { code, errno } = error as { code?: string; errno?: number };
  if (code && CONNECTION_CODES[code]) return `${database} database unavailable: ${CONNECTION_CODES[code]}`;
  if (errno === 1927) return `${database} database unavailable: connection killed`;
  if (code) return `${database} database error (${code})`;
  return `${database} database error`;
}

/** Marks where a failure came from, so the job's message can name the right database. */
export class StageError extends Error {
  constructor(
    readonly database: 'Magento' | 'Lookbook',
    readonly cause: unknown,
  ) {
    super(describeFailure(database, cause));
  }
}

export async function inStage<T>(database: 'Magento' | 'Lookbook', work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof StageError ? error : new StageError(database, error);
  }
}
