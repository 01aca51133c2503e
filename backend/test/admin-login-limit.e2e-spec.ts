import request from 'supertest';
import { BackendProcess } from './support/backend-process';
import { FrontendProcess } from './support/frontend-process';
import { ImportFixture, JOBS, STATE, waitForEnd } from './support/import-fixture';
import { AUTH, TEST_TOKEN } from './support/auth';

const USER = 'admin';
const PASSWORD = 'login-limit-password';
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const ADMIN = basic(USER, PASSWORD);
const WRONG = basic(USER, 'guess');
const LOGIN_LIMIT = 5;
const TOKEN_LIMIT = 3;
const JOB_LIMIT = 2;
// Browsers as the hop in front of the Next server reports them (documentation addresses).
const ATTACKER = '203.0.113.7';
const ADMIN_BROWSER = '198.51.100.9';
const OTHER_BROWSER = '198.51.100.10';

/**
 * Brute force at the admin login, through the real Next server (`next start`) in front of a real
 * backend that trusts it for the client's address (TRUST_PROXY=loopback). Wrong passwords are
 * limited per client at the Next server; the backend's limits key on the browser's address the
 * Next server forwards, not on the Next server's own, and its Retry-After reaches the browser.
 */
describe('Limits on the admin login and on admin clients (real Next server and backend process)', () => {
  let fx: ImportFixture;
  let backend: BackendProcess;
  let frontend: FrontendProcess;
  const viaFrontend = (client: string, path: string, authorization?: string, init: RequestInit = {}) =>
    fetch(`${frontend.url}${path}`, {
      ...init,
      headers: { 'x-forwarded-for': client, ...(authorization ? { authorization } : {}), ...init.headers },
      redirect: 'manual',
    });
  const postJob = (client: string) =>
    viaFrontend(client, JOBS, ADMIN, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ limit: 1 }) });

  beforeAll(async () => {
    fx = await ImportFixture.create('login_limit', { products: 200 });
    backend = await fx.start({ TRUST_PROXY: 'loopback', AUTH_FAILURES_PER_MINUTE: String(TOKEN_LIMIT), JOB_REQUESTS_PER_MINUTE: String(JOB_LIMIT) });
    frontend = await FrontendProcess.start({
      BACKEND_URL: backend.url,
      ADMIN_API_TOKEN: TEST_TOKEN,
      ADMIN_USER: USER,
      ADMIN_PASSWORD: PASSWORD,
      ADMIN_LOGIN_FAILURES_PER_MINUTE: String(LOGIN_LIMIT),
    });
  }, 90_000);
  afterAll(async () => {
    await frontend?.stop();
    await fx?.close();
  });

  it(`answers 429 with Retry-After to a client after ${LOGIN_LIMIT} wrong passwords, even for the right one, and at once`, async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LOGIN_LIMIT; i++) statuses.push((await viaFrontend(ATTACKER, STATE, WRONG)).status);
    expect(statuses).toEqual(Array(LOGIN_LIMIT).fill(401));

    const startedAt = Date.now();
    const blocked = [await viaFrontend(ATTACKER, STATE, WRONG), await viaFrontend(ATTACKER, STATE, ADMIN), await viaFrontend(ATTACKER, '/admin/products', ADMIN)];

    expect(Date.now() - startedAt).toBeLessThan(2_000);
    for (const answer of blocked) {
      expect(answer.status).toBe(429);
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(answer.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    }
    expect(await blocked[0].json()).toEqual({ message: 'Too many failed sign-in attempts; try again later' });
    expect(blocked[0].headers.get('www-authenticate')).toBeNull();
  });

  it('lets another client sign in meanwhile, and does not count a browser’s first request without credentials', async () => {
    for (let i = 0; i < LOGIN_LIMIT + 2; i++) expect((await viaFrontend(ADMIN_BROWSER, '/admin/products')).status).toBe(401);

    const answer = await viaFrontend(ADMIN_BROWSER, STATE, ADMIN);

    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ last_successful_source_id: 0, active_job: null });
  });

  it('keys the backend’s token limit on the forwarded client: wrong tokens sent straight to it lock out neither the Next server’s browsers nor the right token', async () => {
    for (let i = 0; i < TOKEN_LIMIT; i++) {
      await request(backend.url).get(STATE).set('Authorization', 'Bearer wrong').set('X-Forwarded-For', ATTACKER).expect(401);
    }
    await request(backend.url).get(STATE).set('Authorization', 'Bearer wrong').set('X-Forwarded-For', ATTACKER).expect(429);
    // Wrong tokens from the Next server's own address too (a misconfigured client on its host).
    for (let i = 0; i < TOKEN_LIMIT; i++) await request(backend.url).get(STATE).set('Authorization', 'Bearer wrong').expect(401);

    expect((await viaFrontend(ADMIN_BROWSER, STATE, ADMIN)).status).toBe(200);
    await request(backend.url).get(STATE).set(AUTH).expect(200);
    await request(backend.url).get(STATE).set(AUTH).set('X-Forwarded-For', ATTACKER).expect(200);
  });

  it('keys the job limit on the forwarded client and passes the backend’s Retry-After through', async () => {
    const answers = [];
    for (let i = 0; i <= JOB_LIMIT; i++) {
      const answer = await postJob(ADMIN_BROWSER);
      answers.push(answer);
      if (answer.status === 201) await waitForEnd(backend, ((await answer.json()) as { jobId: string }).jobId);
    }

    expect(answers.map((a) => a.status)).toEqual([...Array(JOB_LIMIT).fill(201), 429]);
    expect(Number(answers[JOB_LIMIT].headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(answers[JOB_LIMIT].headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect((await fx.counts()).jobs).toBe(JOB_LIMIT);
    const other = await postJob(OTHER_BROWSER);
    expect(other.status).toBe(201);
    await waitForEnd(backend, ((await other.json()) as { jobId: string }).jobId);
  });
});
