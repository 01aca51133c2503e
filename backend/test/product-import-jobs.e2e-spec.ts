import { NestExpressApplication } from '@nestjs/platform-express';
import mysql from 'mysql2/promise';
import request from 'supertest';
import { AUTH } from './support/auth';
import { ImportFixture, JOBS } from './support/import-fixture';
import { pollJob, runJob } from './support/poll';
import { startTestApp } from './support/test-app';

describe('Product import jobs (HTTP API on the real databases)', () => {
  let fx: ImportFixture;
  let app: NestExpressApplication;
  let http: ReturnType<NestExpressApplication['getHttpServer']>;
  let eligible: number[];

  beforeAll(async () => {
    fx = await ImportFixture.create('jobs');
    eligible = fx.eligible;
    app = await startTestApp(fx.dbs, { IMPORT_CHUNK_SIZE: '40' });
    http = app.getHttpServer();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await fx?.close();
  });

  it('runs a job from queued through running to completed, with progress and exact metrics', async () => {
    await fx.resetLookbook();
    const created = await request(http).post(JOBS).set(AUTH).send({ limit: 100 }).expect(201);
    expect(created.body).toEqual({ jobId: expect.stringMatching(/^[0-9a-f-]{36}$/) });

    const seen = await pollJob(http, created.body.jobId, { intervalMs: 0 });

    const order = ['queued', 'running', 'completed'];
    const statuses = seen.map((s) => s.status);
    expect(statuses.map((s) => order.indexOf(s))).toEqual([...statuses.map((s) => order.indexOf(s))].sort());
    expect(statuses).toContain('completed');
    const job = seen.at(-1)!;
    expect(job).toMatchObject({
      id: created.body.jobId,
      status: 'completed',
      params: { mode: 'import', limit: 100, resumeFromLast: true, startAfterId: null },
      errors: [],
      error_message: null,
    });
    const m = job.metrics;
    expect(m).toMatchObject({ total_found: 100, processed: 100, errors_count: 0, last_processed_source_id: eligible[99] });
    expect(m.inserted + m.updated + m.unchanged + m.skipped + m.errors_count).toBe(m.processed);
    expect(m.elapsed_ms).toBeGreaterThanOrEqual(0);
    expect(new Date(job.finished_at) >= new Date(job.started_at) && new Date(job.started_at) >= new Date(job.created_at)).toBe(true);
    expect(await fx.cursor()).toBe(eligible[99]);
    const skipped = fx.emptySku;
    expect(await fx.importedIds()).toEqual(eligible.slice(0, 100).filter((id) => !skipped.has(id)));
    expect(m.skipped).toBe(eligible.slice(0, 100).filter((id) => skipped.has(id)).length);
  });

  it('resumes where the last job stopped until the Lookbook holds exactly the eligible set', async () => {
    await fx.resetLookbook();
    const cursors: number[] = [];
    let processed = 0;
    for (;;) {
      const job = await runJob(http, { limit: 250 });
      expect(job.status).toBe('completed');
      if (job.metrics.processed === 0) break;
      processed += job.metrics.processed;
      cursors.push((await fx.cursor())!);
    }

    expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
    expect(new Set(cursors).size).toBe(cursors.length);
    expect(processed).toBe(eligible.length);
    const imported = await fx.importedIds();
    const skipped = fx.emptySku;
    expect(imported).toEqual(eligible.filter((id) => !skipped.has(id)));
  });

  it('completes with nothing processed when no eligible products remain, leaving the cursor', async () => {
    const before = await fx.cursor();
    const job = await runJob(http, {});

    expect(job.metrics).toMatchObject({ total_found: 0, processed: 0, last_processed_source_id: null });
    expect(await fx.cursor()).toBe(before);
  });

  it('starts after startAfterId when resume is off, reports unchanged rows on a re-import, and leaves the cursor where it is', async () => {
    const cursor = await fx.cursor();
    expect(cursor).toBe(eligible.at(-1));

    const job = await runJob(http, { resumeFromLast: false, startAfterId: eligible[9], limit: 5 });

    expect(job.params).toEqual({ mode: 'import', limit: 5, resumeFromLast: false, startAfterId: eligible[9] });
    expect(job.metrics).toMatchObject({ total_found: 5, processed: 5, inserted: 0, updated: 0, last_processed_source_id: eligible[14] });
    expect(job.metrics.unchanged + job.metrics.skipped).toBe(5);
    expect(await fx.cursor()).toBe(cursor);
  });

  it('shows the cursor, what remains and the last job in the state endpoint', async () => {
    const state = await request(http).get('/api/admin/product-import/state').set(AUTH).expect(200);

    expect(state.body).toMatchObject({
      last_successful_source_id: eligible.at(-1),
      remaining: 0,
      active_job: null,
      last_job: { status: 'completed', params: { startAfterId: eligible[9] } },
    });
  });

  it('creates exactly one job from 10 concurrent POSTs and answers the other nine with 409', async () => {
    // A re-import of a full batch: the cursor is at the end, so a resume job would finish at once.
    const body = { resumeFromLast: false, startAfterId: 0, limit: 1000 };
    const responses = await Promise.all(Array.from({ length: 10 }, () => request(http).post(JOBS).set(AUTH).send(body)));

    const created = responses.filter((r) => r.status === 201);
    const conflicts = responses.filter((r) => r.status === 409);
    expect(created).toHaveLength(1);
    expect(conflicts).toHaveLength(9);
    for (const conflict of conflicts) expect(conflict.body).toEqual({ message: 'Job already running', jobId: created[0].body.jobId });
    await pollJob(http, created[0].body.jobId);
  });

  describe('bad input', () => {
    const jobCount = async () => {
      const [[{ n }]] = await fx.dbs.admin.query<mysql.RowDataPacket[]>(`SELECT COUNT(*) AS n FROM \`${fx.lookbookDb}\`.product_import_jobs`);
      return Number(n);
    };

    it.each([
      [{ limit: 0 }, /limit must not be less than 1/],
      [{ limit: 1001 }, /limit must not be greater than 1000/],
      [{ limit: 1.5 }, /limit must be an integer/],
      [{ limit: '10' }, /limit must be an integer/],
      [{ limit: -1 }, /limit must not be less than 1/],
      [{ resumeFromLast: false }, /startAfterId is required when resumeFromLast is false/],
      [{ resumeFromLast: false, startAfterId: null }, /startAfterId is required when resumeFromLast is false/],
      [{ resumeFromLast: false, startAfterId: -1 }, /startAfterId must not be less than 0/],
      [{ resumeFromLast: 'no' }, /resumeFromLast must be a boolean/],
      [{ limit: 10, dropTable: true }, /property dropTable should not exist/],
    ])('answers %j with 400 naming the problem, and creates no job', async (body, message) => {
      const before = await jobCount();

      const response = await request(http).post(JOBS).set(AUTH).send(body).expect(400);

      expect(JSON.stringify(response.body.message)).toMatch(message);
      expect(await jobCount()).toBe(before);
    });

    it('answers malformed JSON with 400', async () => {
      const response = await request(http).post(JOBS).set(AUTH).set('Content-Type', 'application/json').send('{"limit": 10,').expect(400);

      expect(response.body.message).toMatch(/JSON/);
    });

    it('answers a non-UUID job id with 400 and an unknown one with 404', async () => {
      await request(http).get(`${JOBS}/not-a-uuid`).set(AUTH).expect(400);
      const missing = await request(http).get(`${JOBS}/3b241101-e2bb-4255-8caf-4136c566a962`).set(AUTH).expect(404);
      expect(missing.body.message).toMatch(/not found/);
    });
  });

  it('documents both job endpoints and their schemas in the Swagger JSON', async () => {
    const doc = (await request(http).get('/api/docs-json').expect(200)).body;

    expect(Object.keys(doc.paths[JOBS])).toEqual(['post']);
    expect(Object.keys(doc.paths[`${JOBS}/{jobId}`])).toEqual(['get']);
    expect(Object.keys(doc.paths[JOBS].post.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '409']));
    expect(Object.keys(doc.paths[`${JOBS}/{jobId}`].get.responses)).toEqual(expect.arrayContaining(['200', '400', '404']));
    expect(doc.components.schemas.CreateImportJobDto.properties).toHaveProperty('limit.maximum', 1000);
    expect(Object.keys(doc.components.schemas.ImportJobMetricsView.properties)).toEqual([
      'total_found', 'processed', 'inserted', 'updated', 'unchanged', 'skipped', 'withdrawn', 'errors_count', 'elapsed_ms', 'last_processed_source_id',
    ]);
    expect(doc.components.securitySchemes).toHaveProperty('bearer');
  });
});
