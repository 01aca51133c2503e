import request from 'supertest';
import { BackendProcess } from './support/backend-process';
import { FrontendProcess } from './support/frontend-process';
import { ImportFixture, JOBS, PRODUCTS, STATE, waitFor } from './support/import-fixture';
import { AUTH, TEST_TOKEN } from './support/auth';

const USER = 'admin';
const PASSWORD = 'frontend-e2e-password';
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const ADMIN = basic(USER, PASSWORD);

const REFUSED: Array<[string, string | undefined]> = [
  ['no credentials', undefined],
  ['a wrong password', basic(USER, `${PASSWORD}x`)],
  ['a wrong user', basic('root', PASSWORD)],
  ['the backend token as a bearer', `Bearer ${TEST_TOKEN}`],
];

/**
 * The built Next frontend (frontend/server.mjs) in front of a real backend process: the browser signs in
 * with HTTP Basic only, and the Next server adds the admin token when it forwards /api/admin/* to
 * the backend, so the token never reaches the browser.
 */
describe('The admin frontend in front of the backend (real Next server and backend process)', () => {
  let fx: ImportFixture;
  let backend: BackendProcess;
  let frontend: FrontendProcess;
  const viaFrontend = (path: string, authorization?: string, init: RequestInit = {}) =>
    fetch(`${frontend.url}${path}`, { ...init, headers: { ...(authorization ? { authorization } : {}), ...init.headers }, redirect: 'manual' });

  beforeAll(async () => {
    fx = await ImportFixture.create('frontend', { products: 300 });
    backend = await fx.start();
    frontend = await FrontendProcess.start({ BACKEND_URL: backend.url, ADMIN_API_TOKEN: TEST_TOKEN, ADMIN_USER: USER, ADMIN_PASSWORD: PASSWORD });
  }, 90_000);
  afterAll(async () => {
    await frontend?.stop();
    await fx?.close();
  });

  it('forwards GET /api/admin/* to the backend with the token added, and hands back its answer', async () => {
    for (const path of [`${PRODUCTS}?pageSize=5`, STATE]) {
      const direct = await request(backend.url).get(path).set(AUTH).expect(200);

      const forwarded = await viaFrontend(path, ADMIN);

      expect(forwarded.status).toBe(200);
      expect(await forwarded.json()).toEqual(direct.body);
    }
  });

  it('forwards POST with its JSON body: a job started and polled through the frontend imports products', async () => {
    const created = await viaFrontend(JOBS, ADMIN, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ limit: 5 }) });
    expect(created.status).toBe(201);
    const { jobId } = (await created.json()) as { jobId: string };

    const poll = async () => (await (await viaFrontend(`${JOBS}/${jobId}`, ADMIN)).json()) as { status: string };
    const job = await waitFor('the job to finish', poll, (j) => ['completed', 'failed'].includes(j.status));

    expect(job).toMatchObject({ id: jobId, status: 'completed', metrics: { processed: 5 } });
    expect((await fx.counts()).products).toBe(5);
  });

  it('passes the backend’s own errors through, e.g. 400 for an invalid body', async () => {
    const refused = await viaFrontend(JOBS, ADMIN, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ limit: -1 }) });

    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string[] }).message).toEqual(expect.arrayContaining([expect.stringMatching(/limit/)]));
  });

  it.each(REFUSED)('answers %s with 401 on /api/admin/* and on /admin/products, and forwards nothing', async (_label, authorization) => {
    const before = await fx.counts();

    const answers = [
      await viaFrontend(`${PRODUCTS}?pageSize=5`, authorization),
      await viaFrontend(JOBS, authorization, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ limit: 5 }) }),
      await viaFrontend('/admin/products', authorization),
    ];

    for (const answer of answers) {
      expect(answer.status).toBe(401);
      expect(answer.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    }
    expect(await answers[0].json()).toEqual({ message: 'Authentication required' });
    expect(await fx.counts()).toEqual(before);
  });

  it('tells every cache to keep nothing behind Basic auth: the admin page, forwarded answers, refusals', async () => {
    const answers = [
      await viaFrontend('/admin/products', ADMIN),
      await viaFrontend(STATE, ADMIN),
      await viaFrontend(`${PRODUCTS}?pageSize=oops`, ADMIN),
      await viaFrontend('/admin/products'),
      await viaFrontend(STATE, basic(USER, 'wrong')),
    ];

    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 400, 401, 401]);
    for (const answer of answers) expect(answer.headers.get('cache-control')).toBe('private, no-store');
  });

  it('serves the admin page to the right credentials, with the token nowhere in the page or its scripts', async () => {
    const page = await viaFrontend('/admin/products', ADMIN);
    expect(page.status).toBe(200);
    const html = await page.text();
    const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]);

    expect(scripts.length).toBeGreaterThan(0);
    expect(html).not.toContain(TEST_TOKEN);
    for (const src of scripts) {
      const script = await fetch(new URL(src, frontend.url));
      expect(script.status).toBe(200);
      expect(await script.text()).not.toContain(TEST_TOKEN);
    }
  });
});
