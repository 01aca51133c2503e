import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { freePort } from './support/backend-process';
import { TestDatabases } from './support/test-databases';
import { testEnv } from './support/test-env';

const MAIN = resolve(__dirname, '../dist/src/main.js');
/** Settings are checked before any database is opened: these need not answer. */
const NO_DATABASES = { magentoUrl: 'mysql://shop:x@127.0.0.1:9/magento', lookbookUrl: 'mysql://lookbook:x@127.0.0.1:9/lookbook' } as TestDatabases;

/** The built backend run to its end: what it printed, and how it exited. */
async function runBackend(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [MAIN], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const [code] = await once(child, 'exit');
  clearTimeout(timer);
  return { code, stdout, stderr };
}

/** Settings the backend must refuse at boot, each with the line that names it. */
const BAD_SETTINGS: Array<[Record<string, string>, RegExp]> = [
  [{ TRUST_PROXY: '10.0.0.0/33' }, /^Configuration error: TRUST_PROXY must be addresses or ranges/],
  [{ TRUST_PROXY: '0.0.0.0/1,128.0.0.0/1' }, /^Configuration error: TRUST_PROXY must not cover every IPv4 address/],
  [{ TRUST_PROXY: '::/0' }, /^Configuration error: TRUST_PROXY must not cover every IPv6 address/],
  [{ HOST: 'not a host!' }, /^Configuration error: HOST must be an IP address/],
  [{ MAGENTO_STORE_ID: ' 2' }, /^Configuration error: MAGENTO_STORE_ID must be an integer/],
  [{ MAGENTO_STORE_ID: '0x1' }, /^Configuration error: MAGENTO_STORE_ID must be an integer/],
  [{ IMPORT_HEARTBEAT_INTERVAL_MS: '2000', IMPORT_STALE_AFTER_MS: '5000' }, /^Configuration error: IMPORT_STALE_AFTER_MS \(5000\) must be at least 3 × IMPORT_HEARTBEAT_INTERVAL_MS \(2000\)/],
];

/**
 * The built backend (dist/src/main.js) started with a bad setting: it exits 1 having printed one
 * line that names the setting, and no stack trace, whether the setting is refused while it is read
 * or only when the server tries to use it (before it opens any database).
 */
describe('Bad settings at boot (real backend process)', () => {
  const expectOneLine = ({ code, stdout, stderr }: Awaited<ReturnType<typeof runBackend>>, line: RegExp) => {
    expect({ code, stderr: stderr.trim().split('\n') }).toEqual({ code: 1, stderr: [expect.stringMatching(line)] });
    expect(`${stdout}${stderr}`).not.toMatch(/\n\s+at /);
  };

  it.each(BAD_SETTINGS)('refuses %j in one line', async (bad, line) => {
    expectOneLine(await runBackend({ ...testEnv(NO_DATABASES), PORT: String(await freePort()), ...bad }), line);
  });

  it('says in one line that it cannot listen on a HOST this machine does not have', async () => {
    const port = await freePort();

    // 192.0.2.1 is a documentation address: no machine has it.
    expectOneLine(await runBackend({ ...testEnv(NO_DATABASES), PORT: String(port), HOST: '192.0.2.1' }), new RegExp(`^Configuration error: cannot listen on HOST 192.0.2.1, PORT ${port} \\(EADDRNOTAVAIL\\)`));
  });
});
