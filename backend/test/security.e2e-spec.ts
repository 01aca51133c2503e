import { request as httpRequest } from 'node:http';
import request from 'supertest';
import { BackendProcess } from './support/backend-process';
import { ImportFixture, JOBS, PRODUCTS, STATE, startJob, waitForEnd } from './support/import-fixture';
import { AUTH, TEST_TOKEN } from './support/auth';

/** Every admin operation the API documents, with a concrete path to call it on. */
const ADMIN_ROUTES: Array<{ method: 'get' | 'post'; doc: string; path: (jobId: string) => string }> = [
  { method: 'post', doc: JOBS, path: () => JOBS },
  { method: 'get', doc: `${JOBS}/{jobId}`, path: (jobId) => `${JOBS}/${jobId}` },
  { method: 'get', doc: STATE, path: () => STATE },
  { method: 'get', doc: PRODUCTS, path: () => PRODUCTS },
];

const sameLengthWrongToken = `${TEST_TOKEN.slice(0, -1)}${TEST_TOKEN.endsWith('0') ? '1' : '0'}`;
const BAD_AUTHORIZATION: Array<[string, string | undefined]> = [
  ['no Authorization header', undefined],
  ['an empty Authorization header', ''],
  ['"Bearer" alone', 'Bearer'],
  ['"Bearer " with no token', 'Bearer '],
  ['a wrong token of the same length', `Bearer ${sameLengthWrongToken}`],
  ['the token with one character more', `Bearer ${TEST_TOKEN}x`],
  ['the token with one character less', `Bearer ${TEST_TOKEN.slice(0, -1)}`],
  ['the token after two spaces', `Bearer  ${TEST_TOKEN}`],
  ['the token without a scheme', TEST_TOKEN],
  ['the token as Basic credentials', `Basic ${Buffer.from(`admin:${TEST_TOKEN}`).toString('base64')}`],
  ['the token under another scheme', `Token ${TEST_TOKEN}`],
];

describe('Security of the HTTP API (real backend process)', () => {
  let fx: ImportFixture;
  let backend: BackendProcess;
  let jobId: string;

  beforeAll(async () => {
    fx = await ImportFixture.create('security');
    backend = await fx.start();
    jobId = await startJob(backend, { limit: 20 });
    await waitForEnd(backend, jobId);
  }, 60_000);
  afterAll(() => fx?.close());

  describe.each(ADMIN_ROUTES)('$method $doc', ({ method, path }) => {
    it.each(BAD_AUTHORIZATION)('answers %s with 401 and writes nothing', async (_label, authorization) => {
      const before = await fx.counts();
      const call = request(backend.url)[method](path(jobId));
      if (authorization !== undefined) call.set('Authorization', authorization);

      const response = await (method === 'post' ? call.send({ limit: 5 }) : call);

      expect(response.status).toBe(401);
      expect(response.body).toEqual({ statusCode: 401, message: 'Missing or invalid admin token', error: 'Unauthorized' });
      expect(await fx.counts()).toEqual(before);
    });
  });

  it('serves every admin route to the right token', async () => {
    for (const { method, path } of ADMIN_ROUTES.filter((r) => r.method === 'get')) {
      await request(backend.url)[method](path(jobId)).set(AUTH).expect(200);
    }
    const created = await request(backend.url).post(JOBS).set(AUTH).send({ limit: 5 }).expect(201);
    const job = await waitForEnd(backend, created.body.jobId);

    expect(job).toMatchObject({ status: 'completed', metrics: { processed: 5 } });
    expect(await fx.importedIds()).toEqual(fx.expectedIds(fx.eligible[24]));
  });

  it('covers every admin operation the API documents, each declared as bearer-protected', async () => {
    const doc = (await request(backend.url).get('/api/docs-json').expect(200)).body;

    const adminOperations = Object.entries(doc.paths as Record<string, Record<string, any>>)
      .filter(([path]) => path.startsWith('/api/admin/'))
      .flatMap(([path, operations]) => Object.entries(operations).map(([method, operation]) => ({ path, method, operation })));
    expect(adminOperations.map(({ method, path }) => `${method} ${path}`).sort()).toEqual(ADMIN_ROUTES.map((r) => `${r.method} ${r.doc}`).sort());
    for (const { operation } of adminOperations) {
      expect(operation.security).toEqual([{ bearer: [] }]);
      expect(operation.responses).toHaveProperty('401');
    }
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('keeps the health check and the API docs open without a token', async () => {
    const health = await request(backend.url).get('/api/health').expect(200);
    expect(health.body.details).toEqual({
      lookbook_db: { status: 'up', responseTime: expect.any(Number) },
      magento_db: { status: 'up', responseTime: expect.any(Number) },
    });
    const docs = await request(backend.url).get('/api/docs').expect(200);
    expect(docs.text).toContain('swagger-ui');
    await request(backend.url).get('/api/docs-json').expect(200);
  });

  it('sends the helmet security headers on answers of every kind, errors from the body parser included', async () => {
    const answers = await Promise.all([
      request(backend.url).get('/api/health'),
      request(backend.url).get(STATE).set(AUTH),
      request(backend.url).get(STATE),
      request(backend.url).get(`${JOBS}/not-a-uuid`).set(AUTH),
      request(backend.url).post(JOBS).set(AUTH).set('Content-Type', 'application/json').send('{"limit":'),
      request(backend.url).post(JOBS).set(AUTH).set('Content-Type', 'application/json').send(JSON.stringify({ pad: 'x'.repeat(20_000) })),
    ]);

    expect(answers.map((a) => a.status)).toEqual([200, 200, 401, 400, 400, 413]);
    for (const answer of answers) {
      expect(answer.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'content-security-policy': expect.stringContaining("default-src 'self'"),
      });
      expect(answer.headers).not.toHaveProperty('x-powered-by');
    }
  });

  it('grants no CORS access to a foreign origin by default, neither on requests nor on preflights', async () => {
    const origin = 'https://attacker.example';
    const simple = await request(backend.url).get(STATE).set(AUTH).set('Origin', origin).expect(200);
    const preflight = await request(backend.url)
      .options(JOBS)
      .set('Origin', origin)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type');

    for (const answer of [simple, preflight]) {
      expect(answer.headers).not.toHaveProperty('access-control-allow-origin');
      expect(answer.headers).not.toHaveProperty('access-control-allow-headers');
    }
  });

  it('grants CORS access only to the origins listed in CORS_ORIGINS', async () => {
    const listed = await fx.start({ CORS_ORIGINS: 'https://admin.example' });

    const allowed = await request(listed.url).get(STATE).set(AUTH).set('Origin', 'https://admin.example').expect(200);
    const foreign = await request(listed.url).get(STATE).set(AUTH).set('Origin', 'https://attacker.example').expect(200);

    expect(allowed.headers['access-control-allow-origin']).toBe('https://admin.example');
    expect(foreign.headers).not.toHaveProperty('access-control-allow-origin');
    await listed.stop('SIGTERM');
  });

  describe('with JOB_REQUESTS_PER_MINUTE=3', () => {
    let limited: BackendProcess;

    beforeAll(async () => {
      limited = await fx.start({ JOB_REQUESTS_PER_MINUTE: '3' });
    });

    it('answers the 4th job request from one client within a minute with 429, and creates no job for it', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await request(limited.url).post(JOBS).set(AUTH).send({ limit: 1 })).status);
      const before = await fx.counts();

      const fourth = await request(limited.url).post(JOBS).set(AUTH).send({ limit: 1 });

      expect(statuses).not.toContain(429);
      expect(statuses).toContain(201);
      expect(fourth.status).toBe(429);
      expect(fourth.body).toEqual({ statusCode: 429, message: expect.stringMatching(/Too Many Requests/) });
      expect(Number(fourth.headers['retry-after'])).toBeGreaterThan(0);
      expect((await fx.counts()).jobs).toBe(before.jobs);
      // Reading is not limited, and another client still gets through.
      await request(limited.url).get(STATE).set(AUTH).expect(200);
      expect([201, 409]).toContain(await postFrom('127.0.0.2', limited.url));
    });
  });
});

/** POST a job from another loopback source address, i.e. as another client. */
function postFrom(localAddress: string, baseUrl: string): Promise<number> {
  const body = JSON.stringify({ limit: 1 });
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${baseUrl}${JOBS}`,
      { method: 'POST', localAddress, headers: { ...AUTH, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
