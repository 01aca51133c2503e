import request from 'supertest';
import { BackendProcess } from './support/backend-process';
import { ImportFixture, JOBS, STATE, getJob, waitFor, waitForEnd } from './support/import-fixture';
import { AUTH } from './support/auth';

/**
 * Two backend processes on two ports sharing one Lookbook database, as behind a load balancer:
 * the database admits one active job whichever process is asked, and either process answers for
 * a job the other one runs.
 */
describe('Two backend processes on the same databases', () => {
  let fx: ImportFixture;
  let replicas: BackendProcess[];

  beforeAll(async () => {
    fx = await ImportFixture.create('replicas');
    const slow = { IMPORT_CHUNK_SIZE: '20', IMPORT_TEST_SOURCE_DELAY_MS: '150' };
    replicas = await Promise.all([fx.start(slow), fx.start(slow)]);
  }, 60_000);
  afterAll(() => fx?.close());

  it('creates exactly one job from 20 simultaneous POSTs spread over both, and shows its progress alike on each', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => request(replicas[i % 2].url).post(JOBS).set(AUTH).send({ limit: 1000 })),
    );

    const created = responses.filter((r) => r.status === 201);
    expect(created).toHaveLength(1);
    const jobId = created[0].body.jobId;
    const conflicts = responses.filter((r) => r.status === 409);
    expect(conflicts).toHaveLength(19);
    for (const conflict of conflicts) expect(conflict.body).toEqual({ message: 'Job already running', jobId });
    expect((await fx.counts()).jobs).toBe(1);

    // Compare snapshots taken while the job is between chunks: A, then B, then A again unchanged.
    const [a, b] = replicas;
    let agreed = 0;
    await waitFor('three identical mid-job snapshots from both processes', async () => {
      const [first, other, again] = [await getJob(a, jobId), await getJob(b, jobId), await getJob(a, jobId)];
      if (first.status === 'running' && first.metrics.processed > 0 && JSON.stringify(first) === JSON.stringify(again)) {
        expect(other).toEqual(first);
        agreed++;
      }
      return { agreed, status: first.status };
    }, ({ agreed }) => agreed >= 3, { intervalMs: 100 });

    const [doneOnA, doneOnB] = [await waitForEnd(a, jobId), await getJob(b, jobId)];
    expect(doneOnB).toEqual(doneOnA);
    expect(doneOnA).toMatchObject({ status: 'completed', metrics: { processed: fx.eligible.length } });
    const states = await Promise.all(replicas.map((r) => request(r.url).get(STATE).set(AUTH).expect(200)));
    // Each process keeps its own count of what remains (taken when it started) and its own look at
    // the shop, so only when each was taken may differ; what they say is the same.
    const said = ({ remaining_counted_at: _at, remaining_estimated: _estimated, shop, ...rest }: Record<string, any>) => ({
      ...rest,
      shop: { problems: shop.problems, hints: shop.hints },
    });
    expect(said(states[1].body)).toEqual(said(states[0].body));
    expect(states[0].body).toMatchObject({ last_successful_source_id: fx.eligible.at(-1), remaining: 0, active_job: null, last_job: { id: jobId } });
    expect(await fx.importedIds()).toEqual(fx.expectedIds());
  });
});
