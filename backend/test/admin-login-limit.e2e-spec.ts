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

const jobBody = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ limit: 1 }) };

/**
 * Brute force at the admin login, through the real Next server (frontend/server.mjs) in front of a
 * real backend that trusts it for the client's address (TRUST_PROXY=loopback). Wrong passwords are
 * limited per client at the Next server; the backend's limits key on the browser's address the
 * Next server forwards, not on the Next server's own, and its Retry-After reaches the browser.
 * One Next server stands behind a reverse proxy (this test, FRONTEND_TRUST_PROXY=loopback); the
 * other is reached directly, as the demo serves it, by clients that forge X-Forwarded-For.
 */
describe('Limits on the admin login and on admin clients (real Next server and backend process)', () => {
  let fx: ImportFixture;
  let backend: BackendProcess;
  let frontend: FrontendProcess;
  let direct: FrontendProcess;
  const send = (server: FrontendProcess, client: string, path: string, authorization?: string, init: RequestInit = {}) =>
    fetch(`${server.url}${path}`, {
      ...init,
      headers: { 'x-forwarded-for': client, ...(authorization ? { authorization } : {}), ...init.headers },
      redirect: 'manual',
    });
  const viaFrontend = (client: string, path: string, authorization?: string, init: RequestInit = {}) => send(frontend, client, path, authorization, init);
  const postJob = (client: string) => viaFrontend(client, JOBS, ADMIN, jobBody);

  beforeAll(async () => {
    fx = await ImportFixture.create('login_limit', { products: 200 });
    backend = await fx.start({ TRUST_PROXY: 'loopback', AUTH_FAILURES_PER_MINUTE: String(TOKEN_LIMIT), JOB_REQUESTS_PER_MINUTE: String(JOB_LIMIT) });
    const frontendEnv = {
      BACKEND_URL: backend.url,
      ADMIN_API_TOKEN: TEST_TOKEN,
      ADMIN_USER: USER,
      ADMIN_PASSWORD: PASSWORD,
      ADMIN_LOGIN_FAILURES_PER_MINUTE: String(LOGIN_LIMIT),
    };
    [frontend, direct] = await Promise.all([FrontendProcess.start({ ...frontendEnv, FRONTEND_TRUST_PROXY: 'loopback' }), FrontendProcess.start(frontendEnv)]);
  }, 90_000);
  afterAll(async () => {
    await Promise.all([frontend?.stop(), direct?.stop()]);
    await fx?.close();
  });

  it(`answers 429 with Retry-After to a client's wrong passwords after ${LOGIN_LIMIT}, at once, and still lets the right one in`, async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LOGIN_LIMIT; i++) statuses.push((await viaFrontend(ATTACKER, STATE, WRONG)).status);
    expect(statuses).toEqual(Array(LOGIN_LIMIT).fill(401));

    const startedAt = Date.now();
    const blocked = [await viaFrontend(ATTACKER, STATE, WRONG), await viaFrontend(ATTACKER, '/admin/products', WRONG), await viaFrontend(ATTACKER, '/admin/products')];
    const right = [await viaFrontend(ATTACKER, STATE, ADMIN), await viaFrontend(ATTACKER, '/admin/products', ADMIN)];

    expect(Date.now() - startedAt).toBeLessThan(2_000);
    for (const answer of blocked) {
      expect(answer.status).toBe(429);
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(answer.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    }
    expect(await blocked[0].json()).toEqual({ message: 'Too many failed sign-in attempts; try again later' });
    expect(blocked[0].headers.get('www-authenticate')).toBeNull();
    expect(right.map((answer) => answer.status)).toEqual([200, 200]);
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

  it('reached directly, counts a client’s wrong passwords by its connection, whatever X-Forwarded-For it sends', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= LOGIN_LIMIT + 1; i++) statuses.push((await send(direct, `192.0.2.${i + 1}`, STATE, WRONG)).status);

    expect(statuses).toEqual([...Array(LOGIN_LIMIT).fill(401), 429, 429]);
  });

  it('reached directly, lets the right credentials in from an address someone forged guesses for', async () => {
    // The Next server's own address, the one every client behind the same proxy or NAT shares.
    for (let i = 0; i <= LOGIN_LIMIT; i++) await send(direct, '127.0.0.1', STATE, WRONG);

    const answers = [await send(direct, '127.0.0.1', STATE, ADMIN), await send(direct, '127.0.0.1', '/admin/products', ADMIN)];

    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
  });

  it('reached directly, forwards the connection’s address to the backend, not a forged one: forged headers do not dodge the job limit', async () => {
    const answers = [];
    for (let i = 0; i <= JOB_LIMIT; i++) {
      const answer = await send(direct, `192.0.2.${100 + i}`, JOBS, ADMIN, jobBody);
      answers.push(answer);
      if (answer.status === 201) await waitForEnd(backend, ((await answer.json()) as { jobId: string }).jobId);
    }

    expect(answers.map((a) => a.status)).toEqual([...Array(JOB_LIMIT).fill(201), 429]);
  });
});
