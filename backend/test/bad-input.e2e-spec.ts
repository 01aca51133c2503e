import request from 'supertest';
import { BackendProcess } from './support/backend-process';
import { ImportFixture, JOBS, PRODUCTS, STATE, startJob, waitForEnd } from './support/import-fixture';
import { leakedDetails } from './support/leaks';
import { AUTH } from './support/auth';

const SQL = "1; DROP TABLE products; --";
const SQL_QUOTE = "' OR '1'='1";
const UNICODE = 'Kleid 👗 ünïcødé ñ 中文 \u202e';

/** Request bodies for POST jobs that must all be refused with 400, each with the message expected. */
const BAD_JOB_BODIES: Array<[string, unknown, RegExp]> = [
  ['limit as a string', { limit: '10' }, /limit must be an integer/],
  ['limit as SQL', { limit: SQL }, /limit must be an integer/],
  ['limit as unicode', { limit: UNICODE }, /limit must be an integer/],
  ['limit as a boolean', { limit: true }, /limit must be an integer/],
  ['limit as null', { limit: null }, /limit must be an integer/],
  ['limit as an array', { limit: [5] }, /limit must be an integer/],
  ['limit as an object', { limit: { $gt: 0 } }, /limit must be an integer/],
  ['limit as a fraction', { limit: 2.5 }, /limit must be an integer/],
  ['limit of 0', { limit: 0 }, /limit must not be less than 1/],
  ['a negative limit', { limit: -5 }, /limit must not be less than 1/],
  ['limit of 1001', { limit: 1001 }, /limit must not be greater than 1000/],
  ['a huge limit', { limit: 1e21 }, /limit must not be greater than 1000/],
  ['resumeFromLast as a string', { resumeFromLast: 'false' }, /resumeFromLast must be a boolean/],
  ['resumeFromLast as SQL', { resumeFromLast: SQL_QUOTE }, /resumeFromLast must be a boolean/],
  ['resumeFromLast as unicode', { resumeFromLast: UNICODE }, /resumeFromLast must be a boolean/],
  ['resumeFromLast as 0', { resumeFromLast: 0 }, /resumeFromLast must be a boolean/],
  ['resumeFromLast as null', { resumeFromLast: null, startAfterId: 5 }, /resumeFromLast must be a boolean/],
  ['no startAfterId when not resuming', { resumeFromLast: false }, /startAfterId is required when resumeFromLast is false/],
  ['a null startAfterId when not resuming', { resumeFromLast: false, startAfterId: null }, /startAfterId is required/],
  ['startAfterId as a string', { resumeFromLast: false, startAfterId: '5' }, /startAfterId must be an integer/],
  ['startAfterId as SQL', { resumeFromLast: false, startAfterId: SQL }, /startAfterId must be an integer/],
  ['startAfterId as unicode', { resumeFromLast: false, startAfterId: UNICODE }, /startAfterId must be an integer/],
  ['a negative startAfterId', { resumeFromLast: false, startAfterId: -1 }, /startAfterId must not be less than 0/],
  ['startAfterId past an unsigned INT', { resumeFromLast: false, startAfterId: 4_294_967_296 }, /startAfterId must not be greater than 4294967295/],
  ['an unknown field', { limit: 5, dropTable: true }, /property dropTable should not exist/],
  ['an unknown field named in SQL', { limit: 5, [SQL_QUOTE]: 1 }, /should not exist/],
  ['an unknown field named in unicode', { limit: 5, [UNICODE]: UNICODE }, /should not exist/],
  ...['toString', 'prototype', 'hasOwnProperty', 'valueOf', 'toParams', 'isPrototypeOf'].map(
    (key): [string, unknown, RegExp] => [`an unknown field named like a built-in (${key})`, { limit: 5, [key]: 1 }, new RegExp(`property ${key} should not exist`)],
  ),
  ['a __proto__ field', JSON.parse('{"limit":5,"__proto__":{"admin":true}}'), /property __proto__ should not exist/],
  ['a constructor field', { limit: 5, constructor: { prototype: { admin: true } } }, /property constructor should not exist/],
  ['an array', [], /object is expected/],
  ['an array of one valid body', [{ limit: 5 }], /should not exist/],
];

/** Raw bodies the JSON parser must refuse: 400 and a message about the JSON. */
const MALFORMED_JSON: Array<[string, string]> = [
  ['truncated JSON', '{"limit": 10,'],
  ['a bare string', '"x"'],
  ['null', 'null'],
  ['a bare number', '123'],
  ['single quotes', "{'limit': 5}"],
];

/** Query strings GET products must refuse with 400, each with the message expected. */
const BAD_PRODUCT_QUERIES: Array<[string, RegExp]> = [
  ['page=0', /page must not be less than 1/],
  ['page=-1', /page must not be less than 1/],
  ['page=abc', /page must be an integer/],
  ['page=1.5', /page must be an integer/],
  ['page=', /page must not be less than 1/],
  ['page=100001', /page must not be greater than 100000/],
  [`page=${encodeURIComponent(SQL)}`, /page must be an integer/],
  [`page=${encodeURIComponent(UNICODE)}`, /page must be an integer/],
  ['pageSize=0', /pageSize must not be less than 1/],
  ['pageSize=101', /pageSize must not be greater than 100/],
  ['pageSize=1e9', /pageSize must be an integer/],
  ['pageSize=1e2', /pageSize must be an integer/],
  ['page=0x10', /page must be an integer/],
  ['page=%202', /page must be an integer/],
  ['page=1&page=2', /page must be an integer/],
  [`pageSize=${encodeURIComponent(UNICODE)}`, /pageSize must be an integer/],
  [`q=${'a'.repeat(101)}`, /q must be shorter than or equal to 100 characters/],
  ['q=a&q=b', /q must be a string/],
  ['q[$ne]=x', /should not exist/],
  [`sort=${encodeURIComponent(SQL)}`, /property sort should not exist/],
];

/** Job ids that are not UUIDs: GET job answers 400 without looking them up. */
const BAD_JOB_IDS: Array<[string, string]> = [
  ['a word', 'not-a-uuid'],
  ['a number', '123'],
  ['SQL', encodeURIComponent(SQL_QUOTE)],
  ['unicode', encodeURIComponent(UNICODE)],
  ['an encoded path traversal', '..%2F..%2Fetc%2Fpasswd'],
  ['a traversal to another route', '%2e%2e%2f%2e%2e%2fstate'],
  ['a backslash traversal', '..%5C..%5Cwindows'],
  ['a UUID with a NUL byte', '3b241101-e2bb-4255-8caf-4136c566a962%00'],
  ['a UUID with a path after it', '3b241101-e2bb-4255-8caf-4136c566a962%2F..'],
  ['a UUID padded to 2 kB', `3b241101-e2bb-4255-8caf-4136c566a962${'0'.repeat(2_000)}`],
];

describe('Bad input on every endpoint (real backend process)', () => {
  let fx: ImportFixture;
  let backend: BackendProcess;
  let before: Awaited<ReturnType<ImportFixture['counts']>>;

  beforeAll(async () => {
    fx = await ImportFixture.create('badinput', { products: 1500 });
    backend = await fx.start();
    await waitForEnd(backend, await startJob(backend, { limit: 10 }));
    before = await fx.counts();
  }, 60_000);
  afterAll(() => fx?.close());
  /** Whatever was sent, nothing was written: no job, no product, the same cursor. */
  afterEach(async () => expect(await fx.counts()).toEqual(before));

  /** A 4xx naming the problem, never a 500, never details about the server. */
  function expectRefusal(response: request.Response, status: number, message: RegExp) {
    expect({ status: response.status, message: JSON.stringify(response.body.message) }).toEqual({ status, message: expect.stringMatching(message) });
    expect(leakedDetails(response.text, fx.dbs)).toEqual([]);
  }

  describe('POST jobs', () => {
    it.each(BAD_JOB_BODIES)('refuses %s with 400', async (_label, body, message) => {
      const response = await request(backend.url).post(JOBS).set(AUTH).send(body as object);

      expectRefusal(response, 400, message);
    });

    it.each(MALFORMED_JSON)('refuses %s with 400, without echoing the body', async (_label, raw) => {
      const response = await request(backend.url).post(JOBS).set(AUTH).set('Content-Type', 'application/json').send(raw);

      expectRefusal(response, 400, /JSON/);
      expect(response.body).toEqual({ statusCode: 400, message: 'Malformed JSON in request body' });
    });

    it("lists every problem of a body at once, an unknown field's with the others", async () => {
      const response = await request(backend.url).post(JOBS).set(AUTH).send({ limit: 0, resumeFromLast: 'yes', colour: 'red' }).expect(400);

      expect([...response.body.message].sort()).toEqual(['limit must not be less than 1', 'property colour should not exist', 'resumeFromLast must be a boolean value']);
    });

    it('starts a job with the defaults when there is no body at all, as the document says', async () => {
      const response = await request(backend.url).post(JOBS).set(AUTH).expect(201);

      const job = await waitForEnd(backend, response.body.jobId);
      expect(job).toMatchObject({ status: 'completed', params: { limit: 100, resumeFromLast: true, startAfterId: null } });
      before = await fx.counts();
    });

    it.each([
      ['arrays in a field', `{"limit":5,"x":${'['.repeat(2_000)}${']'.repeat(2_000)}}`],
      ['arrays at the top', `${'['.repeat(2_000)}${']'.repeat(2_000)}`],
      ['objects in a field', `{"limit":5,"x":${'{"a":'.repeat(1_000)}1${'}'.repeat(1_000)}}`],
    ])('refuses a small body of deeply nested %s with 400', async (_label, raw) => {
      const response = await request(backend.url).post(JOBS).set(AUTH).set('Content-Type', 'application/json').send(raw);

      expectRefusal(response, 400, /must not be nested more than 16 levels deep/);
    });

    it('refuses a JSON body over 16 kB with 413, whatever it holds', async () => {
      const padded = await request(backend.url).post(JOBS).set(AUTH).send({ limit: 5, pad: 'x'.repeat(17 * 1024) });
      const huge = await request(backend.url).post(JOBS).set(AUTH).set('Content-Type', 'application/json').send(`[${'1,'.repeat(1_000_000)}1]`);

      expectRefusal(padded, 413, /too large/);
      expectRefusal(huge, 413, /too large/);
    });

    it.each([
      ['text/plain', '{"limit":5}'],
      ['application/x-www-form-urlencoded', 'limit=5'],
      ['multipart/form-data; boundary=b', '--b\r\nContent-Disposition: form-data; name="limit"\r\n\r\n5\r\n--b--'],
      ['application/xml', '<limit>5</limit>'],
      ['application/json-seq', '{"limit":5}'],
    ])('refuses a %s body with 415 instead of starting a default job', async (contentType, raw) => {
      const response = await request(backend.url).post(JOBS).set(AUTH).set('Content-Type', contentType).send(raw);

      expectRefusal(response, 415, /must be application\/json/);
    });
  });

  describe('other methods on /jobs', () => {
    it.each(['put', 'patch'] as const)('answers %s with 404 like any route that does not exist, not 415, whatever the body', async (method) => {
      const response = await request(backend.url)[method](JOBS).set(AUTH).set('Content-Type', 'text/plain').send('{"limit":5}');

      expectRefusal(response, 404, /Cannot (PUT|PATCH)/);
    });
  });

  describe('GET job', () => {
    it.each(BAD_JOB_IDS)('refuses %s as an id with 400', async (_label, id) => {
      const response = await request(backend.url).get(`${JOBS}/${id}`).set(AUTH);

      expectRefusal(response, 400, /uuid is expected/);
    });

    it('refuses an id that is not even valid percent-encoding with 400', async () => {
      const response = await request(backend.url).get(`${JOBS}/%E0%A4%A`).set(AUTH);

      expectRefusal(response, 400, /decode/);
    });

    it('answers a well-formed id that names no job with 404', async () => {
      const response = await request(backend.url).get(`${JOBS}/00000000-0000-4000-8000-000000000000`).set(AUTH);

      expectRefusal(response, 404, /not found/);
    });
  });

  describe('GET products', () => {
    it.each(BAD_PRODUCT_QUERIES)('refuses ?%s with 400', async (query, message) => {
      const response = await request(backend.url).get(`${PRODUCTS}?${query}`).set(AUTH);

      expectRefusal(response, 400, message);
    });

    it.each([SQL, SQL_QUOTE, '%', '_', '\\', UNICODE, '\u0000'])('searches for %j literally', async (q) => {
      const all = (await request(backend.url).get(PRODUCTS).query({ pageSize: 100 }).set(AUTH).expect(200)).body.items;
      const literal = all.filter((p: { sku: string; title: string }) => p.sku.includes(q) || p.title.includes(q));

      const response = await request(backend.url).get(PRODUCTS).query({ q }).set(AUTH).expect(200);

      expect(response.body).toMatchObject({ total: literal.length, page: 1, pageSize: 25 });
      expect(response.body.items).toEqual(literal);
      expect(literal.length).toBeLessThan(all.length);
    });

    it('still searches normally, so the refusals above are about the input', async () => {
      const [first] = (await request(backend.url).get(PRODUCTS).query({ pageSize: 1 }).set(AUTH).expect(200)).body.items;

      const response = await request(backend.url).get(PRODUCTS).query({ q: first.sku, page: 1, pageSize: 100 }).set(AUTH).expect(200);

      expect(response.body.items.map((p: { sku: string }) => p.sku)).toContain(first.sku);
    });
  });

  describe('GET state', () => {
    it.each(['limit=5', `x=${encodeURIComponent(SQL)}`])('ignores the query string ?%s and answers as usual', async (query) => {
      const response = await request(backend.url).get(`${STATE}?${query}`).set(AUTH).expect(200);

      expect(response.body.last_successful_source_id).toBe(before.cursor);
    });

    it('ignores a JSON body on a GET', async () => {
      const response = await request(backend.url).get(STATE).set(AUTH).set('Content-Type', 'application/json').send({ limit: 5 }).expect(200);

      expect(response.body.active_job).toBeNull();
    });
  });
});
