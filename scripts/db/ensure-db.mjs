#!/usr/bin/env node
// Makes sure a MariaDB/MySQL server answers the URLs of every database role (database-roles.mjs),
// and prints what it did.
// 1. When every URL (from the environment or .env) answers, it uses them as they are.
// 2. Otherwise, on Debian as root, it installs mariadb-server if missing, starts it, creates the
//    missing users (local-only, generated passwords, least rights) and databases, writes their
//    URLs into .env and prints what it created. A second run takes about a second.
// 3. Elsewhere it stops with one line saying what to set.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { DATABASE_ROLES, LOCAL_HOSTS } from './database-roles.mjs';
import { fromEnvFile, loadEnv, writeEnvValues } from './env.mjs';
import { parseMysqlUrl, tryConnect } from './mysql-url.mjs';

const SOCKET = '/run/mysqld/mysqld.sock';
const LOCAL_SERVER = { host: '127.0.0.1', port: 3306 };

export async function ensureDatabase({ quiet = false } = {}) {
  loadEnv();
  const log = (line) => quiet || console.log(`[db] ${line}`);
  const failing = await rolesNotAnswering();
  if (failing.length === 0) {
    log(`using ${DATABASE_ROLES.map((role) => describe(role.setting)).join(', ')}`);
    return urls();
  }

  const refusal = whyNotProvision(failing);
  if (refusal) throw new Error(refusal);

  installServerIfMissing(log);
  await startServerIfStopped(log);
  provision(failing.map(({ role }) => role), log);

  const still = await rolesNotAnswering();
  if (still.length) throw new Error(`${still[0].role.setting} still does not answer after provisioning: ${still[0].reason}`);
  return urls();
}

const urls = () => Object.fromEntries(DATABASE_ROLES.map((role) => [role.setting, process.env[role.setting]]));

async function rolesNotAnswering() {
  const failing = [];
  for (const role of DATABASE_ROLES) {
    const url = process.env[role.setting];
    if (!url) {
      failing.push({ role, reason: 'not set' });
      continue;
    }
    const target = parseMysqlUrl(role.setting, url, { database: Boolean(role.database) });
    const reason = await tryConnect(target);
    if (reason) failing.push({ role, target, reason });
  }
  return failing;
}

/** Null when this process may create the failing roles' users on the local server, else why not. */
function whyNotProvision(failing) {
  const [first] = failing;
  const hint = 'set it in .env (see .env.example) to a reachable MySQL/MariaDB server, or run as root on Debian to have MariaDB installed and its users created';
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) return `${first.role.setting} ${describeFailure(first)}; ${hint}`;
  for (const { role, target, reason } of failing) {
    if (!target) continue;
    // A URL the user wrote (in the environment, or naming another server or user) is theirs to fix:
    // existing users are never altered unless they are the ones this script creates.
    if (!fromEnvFile.has(role.setting)) return `${role.setting} (set in the environment) does not answer (${reason}); fix it or unset it`;
    const local = ['127.0.0.1', 'localhost'].includes(target.host) && target.port === LOCAL_SERVER.port;
    if (!local || target.user !== role.user) {
      return `${role.setting} in .env does not answer (${reason}); fix it, or delete the line to have a local user ${role.user} created`;
    }
  }
  return null;
}

const describeFailure = ({ target, reason }) => (target ? `does not answer (${reason})` : 'is not set');

function describe(setting) {
  const { host, port, user, database } = parseMysqlUrl(setting, process.env[setting], { database: false });
  return `${setting} (${user}@${host}:${port}${database ? `/${database}` : ''})`;
}

function installServerIfMissing(log) {
  if (existsSync('/usr/sbin/mariadbd')) return;
  log('installing mariadb-server from Debian packages (about 10 s)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'mariadb-server'], { stdio: 'inherit', env });
}

async function startServerIfStopped(log) {
  if (existsSync(SOCKET) && rootQuery('SELECT 1', { check: true })) return;
  log('starting mariadbd');
  mkdirSync('/run/mysqld', { recursive: true });
  execFileSync('chown', ['mysql:mysql', '/run/mysqld']);
  const logFile = openSync('/tmp/lookbook-mariadb.log', 'a');
  // Settings for a disposable local server: durability per second is enough for demo and tests,
  // and a larger buffer pool keeps a 480,000-product catalog in memory.
  const child = spawn(
    '/usr/sbin/mariadbd',
    [
      '--user=mysql',
      '--bind-address=127.0.0.1',
      '--innodb-buffer-pool-size=2G',
      '--innodb-flush-log-at-trx-commit=2',
      '--max-connections=500',
      '--max-allowed-packet=256M',
    ],
    { detached: true, stdio: ['ignore', logFile, logFile] },
  );
  child.unref();
  for (let i = 0; i < 300; i++) {
    if (existsSync(SOCKET) && rootQuery('SELECT 1', { check: true })) return;
    await sleep(100);
  }
  throw new Error('mariadbd did not start within 30 s; see /tmp/lookbook-mariadb.log');
}

/** Creates each role's database and local users with a new password, and keeps the URLs in .env. */
function provision(roles, log) {
  const statements = [];
  const values = {};
  const created = [];
  for (const role of roles) {
    const password = randomBytes(18).toString('base64url');
    const existed = rootQuery(`SELECT COUNT(*) FROM mysql.user WHERE User = '${escape(role.user)}'`, { output: true }).trim() !== '0';
    if (role.database) {
      statements.push(`CREATE DATABASE IF NOT EXISTS \`${role.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    }
    for (const host of LOCAL_HOSTS) {
      const account = `'${escape(role.user)}'@'${host}'`;
      statements.push(`CREATE USER IF NOT EXISTS ${account} IDENTIFIED BY '${password}'`);
      statements.push(`ALTER USER ${account} IDENTIFIED BY '${password}'`);
      for (const grant of role.grants(role.database)) statements.push(`GRANT ${grant} TO ${account}`);
    }
    values[role.setting] = `mysql://${role.user}:${password}@${LOCAL_SERVER.host}:${LOCAL_SERVER.port}/${role.database}`;
    created.push(
      `  ${role.user.padEnd(21)} ${role.grants(role.database).join(', ').padEnd(58)} ${role.purpose}` +
        (existed ? ' — existed: new password (another checkout using this server needs this .env line)' : ''),
    );
  }
  rootQuery(statements.join(';\n'));
  writeEnvValues(values);
  log(`created MariaDB users @${LOCAL_HOSTS.join(' and @')} (passwords generated, URLs written to .env: ${Object.keys(values).join(', ')}):`);
  for (const line of created) log(line);
}

function rootQuery(sql, { check = false, output = false } = {}) {
  try {
    const stdout = execFileSync('mariadb', ['-uroot', `--socket=${SOCKET}`, '-N', '-B', '-e', sql], {
      stdio: check ? 'ignore' : ['ignore', output ? 'pipe' : 'inherit', 'inherit'],
      encoding: 'utf8',
    });
    return output ? stdout : true;
  } catch (error) {
    if (check) return false;
    throw error;
  }
}

const escape = (value) => value.replace(/\\/g, '\\\\').replace(/'/g, "\\'");

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  ensureDatabase().catch((error) => {
    console.error(`[db] ${error.message}`);
    process.exit(1);
  });
}
