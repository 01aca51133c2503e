import { request as httpRequest } from 'node:http';
import { BackendProcess } from './support/backend-process';
import { ImportFixture, JOBS, PRODUCTS, STATE } from './support/import-fixture';
import { TEST_TOKEN } from './support/auth';
import { OpenApiContract } from './support/openapi-contract';

const LIMIT = 5;
const RIGHT = `Bearer ${TEST_TOKEN}`;
const WRONG = `Bearer ${'w'.repeat(TEST_TOKEN.length)}`;
const CLIENT = '127.0.0.1';
const OTHER_CLIENT = '127.0.0.2';

/**
 * Wrong admin tokens are limited per client (AUTH_FAILURES_PER_MINUTE), on a real backend process:
 * right tokens do not count, a client over the limit is refused any wrong or missing token until its
 * minute is over while the right token still passes, other clients are not affected, and the health
 * check and API docs stay open.
 */
describe('Rate limit on wrong admin tokens (real backend process)', () => {
  let fx: ImportFixture;
  let backend: BackendProcess;
  const call = (client: string, path: string, authorization?: string, method: 'GET' | 'POST' = 'GET') =>
    send(backend.url, { client, path, authorization, method });

  beforeAll(async () => {
    fx = await ImportFixture.create('authlimit', { products: 200 });
    backend = await fx.start({ AUTH_FAILURES_PER_MINUTE: String(LIMIT) });
  }, 60_000);
  afterAll(() => fx?.close());

  it(`answers 401 to the first ${LIMIT} wrong tokens from a client, and does not count its right ones`, async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT; i++) {
      statuses.push((await call(CLIENT, PRODUCTS, RIGHT)).status);
      statuses.push((await call(CLIENT, STATE, i % 2 ? undefined : WRONG)).status);
    }

    expect(statuses).toEqual(Array.from({ length: LIMIT }, () => [200, 401]).flat());
  });

  it('answers that client 429 with Retry-After from then on for any wrong or missing token, and writes nothing', async () => {
    const before = await fx.counts();

    const answers = [await call(CLIENT, STATE, WRONG), await call(CLIENT, JOBS, undefined, 'POST'), await call(CLIENT, PRODUCTS, `Bearer ${TEST_TOKEN}x`)];

    for (const answer of answers) {
      expect(answer.status).toBe(429);
      expect(JSON.parse(answer.body)).toEqual({ statusCode: 429, message: 'Too many failed authentication attempts; try again later' });
      expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(answer.headers['retry-after'])).toBeLessThanOrEqual(60);
    }
    expect(await fx.counts()).toEqual(before);
  });

  it('still serves that client the right token: an address shared with a guesser locks no admin out', async () => {
    expect((await call(CLIENT, PRODUCTS, RIGHT)).status).toBe(200);
    expect((await call(CLIENT, STATE, RIGHT)).status).toBe(200);
    expect((await call(CLIENT, STATE, WRONG)).status).toBe(429);
  });

  it('keeps the health check and the API docs open to that client', async () => {
    expect((await call(CLIENT, '/api/health')).status).toBe(200);
    expect((await call(CLIENT, '/api/docs-json')).status).toBe(200);
  });

  it('does not limit another client, which keeps its own count', async () => {
    expect((await call(OTHER_CLIENT, PRODUCTS, RIGHT)).status).toBe(200);
    expect((await call(OTHER_CLIENT, PRODUCTS, WRONG)).status).toBe(401);
    expect((await call(OTHER_CLIENT, STATE, RIGHT)).status).toBe(200);
  });
});

const contract = OpenApiContract.fromFile();

/** One request from a chosen loopback source address, i.e. as that client; its answer must match the OpenAPI document. */
function send(baseUrl: string, { client, path, authorization, method }: { client: string; path: string; authorization?: string; method: 'GET' | 'POST' }) {
  const body = method === 'POST' ? JSON.stringify({ limit: 1 }) : undefined;
  const headers: Record<string, string | number> = {};
  if (authorization) headers.Authorization = authorization;
  if (body) Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = httpRequest(`${baseUrl}${path}`, { method, localAddress: client, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => {
        const json = res.headers['content-type']?.includes('application/json') ? JSON.parse(text) : text;
        const violation = contract.violation(method, path, res.statusCode!, res.headers['content-type'], json);
        if (violation) reject(new Error(`Answer does not match the OpenAPI document: ${violation}`));
        else resolve({ status: res.statusCode!, headers: res.headers, body: text });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
