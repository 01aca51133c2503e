/**
 * Why the shop's database could not be reached or logged in to, as a sentence with its fix. The
 * driver's own message names the host and user (and sometimes more), so only its code is read:
 * these sentences are safe to show an admin and to put in the open health check.
 */
const CONNECTION_PROBLEMS: Record<string, string> = {
  ER_ACCESS_DENIED_ERROR: 'The shop database refused the login (access denied): check the user and password in MYSQL_SHOP_URL.',
  ER_DBACCESS_DENIED_ERROR:
    'The shop database user may not use the database named in MYSQL_SHOP_URL (access denied): check the database name, or grant the user SELECT on it.',
  ER_BAD_DB_ERROR: 'The shop database server has no such database: check the database name in MYSQL_SHOP_URL.',
  ECONNREFUSED: 'The shop database refused the connection: check the host and port in MYSQL_SHOP_URL, and that the database server is running.',
  ETIMEDOUT: 'The connection to the shop database timed out: check the host and port in MYSQL_SHOP_URL, and that a firewall lets this host reach it.',
  ENOTFOUND: 'Unknown host for the shop database: check the host name in MYSQL_SHOP_URL.',
  EAI_AGAIN: 'The shop database host name could not be looked up (DNS did not answer): check the host name in MYSQL_SHOP_URL.',
  EHOSTUNREACH: 'The shop database host is unreachable: check the host in MYSQL_SHOP_URL and the network between the two hosts.',
  ENETUNREACH: 'The shop database host is unreachable: check the host in MYSQL_SHOP_URL and the network between the two hosts.',
  ECONNRESET: 'The shop database closed the connection: check that MYSQL_SHOP_URL names a MySQL or MariaDB server, and its port.',
  PROTOCOL_CONNECTION_LOST: 'The shop database closed the connection: check that MYSQL_SHOP_URL names a MySQL or MariaDB server, and its port.',
  ER_HOST_NOT_PRIVILEGED: 'The shop database does not let this host connect: grant the user access from the Lookbook\'s host.',
  ER_CON_COUNT_ERROR: 'The shop database has too many connections: try again later, or raise its max_connections.',
};

/** The sentence for a connection failure, or undefined when `error` is not one. */
export function connectionProblem(error: unknown): string | undefined {
  const code = (error ?? {}) as { code?: unknown };
  return typeof code.code === 'string' ? CONNECTION_PROBLEMS[code.code] : undefined;
}

/** Any failure of the shop's database as a sentence: a connection failure's words, else its code. */
export function shopFailureSentence(error: unknown): string {
  const words = connectionProblem(error);
  if (words) return words;
  const { code } = (error ?? {}) as { code?: unknown };
  return `The shop database failed while being checked${typeof code === 'string' ? ` (${code})` : ''}: see the backend's log.`;
}
