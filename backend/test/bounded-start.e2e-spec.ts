import request from 'supertest';
import { AUTH } from './support/auth';
import { ImportFixture, STATE } from './support/import-fixture';
import { SilentServer } from './support/silent-server';

/**
 * The README's bounds: the backend listens within 2 s of starting the application whatever the
 * shop does; the first GET …/state answers within MAGENTO_STATE_QUERY_TIMEOUT_MS (4 s).
 */
const LISTEN_BOUND_MS = 2_000;
const STATE_BOUND_MS = 4_000;
/** Slack for a loaded test machine (2 cores shared with other suites); the figures are printed. */
const SLACK_MS = 1_000;

/**
 * A backend whose shop host never answers (connections accepted, then silence: a firewall that
 * drops packets) starts listening as fast as one with a healthy shop, and its first GET …/state
 * answers within the bound with the problem in words.
 */
describe('Bounded start with a shop that never answers (real backend process)', () => {
  let fx: ImportFixture;
  let silent: SilentServer;

  beforeAll(async () => {
    fx = await ImportFixture.create('boundedstart', { products: 50 });
    silent = await SilentServer.start();
  }, 60_000);
  afterAll(async () => {
    await fx?.stopAll();
    await silent?.close();
    await fx?.close();
  });

  it('listens within 2 s and answers the first GET …/state within 4 s, naming the timeout', async () => {
    const healthy = await fx.start({ LOG_FORMAT: 'json' }, fx.dbs, { until: 'listening' });
    const healthyBootMs = bootMs(healthy.output);
    await healthy.stop();

    const url = new URL(fx.dbs.magentoUrl);
    url.port = String(silent.port);
    const backend = await fx.start({ LOG_FORMAT: 'json' }, { ...fx.dbs, magentoUrl: url.toString() }, { until: 'listening' });
    const silentBootMs = bootMs(backend.output);
    const stateStartedAt = Date.now();
    const state = await request(backend.url).get(STATE).set(AUTH).expect(200);
    const firstStateMs = Date.now() - stateStartedAt;
    // The figures the README quotes come from this line.
    console.log(`bounded start: Nest application started to listening ${silentBootMs} ms with a silent shop (${healthyBootMs} ms with a healthy one); first GET state ${firstStateMs} ms`);

    expect(silentBootMs).toBeLessThan(LISTEN_BOUND_MS);
    expect(firstStateMs).toBeLessThan(STATE_BOUND_MS + SLACK_MS);
    expect(state.body.shop.problems).toEqual([
      expect.stringMatching(/^The (shop database has not answered within 3.5 s|connection to the shop database timed out): check the host and port in MYSQL_SHOP_URL, and that a firewall lets this host reach it\.$/),
    ]);
    expect(state.body.remaining).toBeNull();

    // Once the connection attempt has timed out (5 s), the next look says so.
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    const later = await request(backend.url).get(STATE).set(AUTH).expect(200);
    expect(later.body.shop.problems).toEqual([
      'The connection to the shop database timed out: check the host and port in MYSQL_SHOP_URL, and that a firewall lets this host reach it.',
    ]);
    expect(backend.output).not.toMatch(/\n\s+at /);
  });
});

/**
 * From Nest's first line to "Listening on", by the backend's own JSON log timestamps: the start
 * the shop could hold up, without the loading of the code (seconds on a loaded 2-core machine,
 * whatever the shop does).
 */
function bootMs(output: string): number {
  const lines = output.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { message: string; timestamp: number | string });
  const at = (text: string) => new Date(lines.find((line) => String(line.message).includes(text))!.timestamp).getTime();
  return at('Listening on http') - at('Starting Nest application');
}
