import request from 'supertest';
import { setTimeout as sleep } from 'node:timers/promises';
import { AUTH } from './auth';

type HttpTarget = Parameters<typeof request>[0];

/** Polls GET job until it is completed or failed; returns every body seen, in order. */
export async function pollJob(target: HttpTarget, jobId: string, { timeoutMs = 30_000, intervalMs = 20 } = {}) {
  const seen: Array<Record<string, any>> = [];
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const response = await request(target).get(`/api/admin/product-import/jobs/${jobId}`).set(AUTH).expect(200);
    seen.push(response.body);
    if (['completed', 'failed'].includes(response.body.status)) return seen;
    await sleep(intervalMs);
  }
  throw new Error(`job ${jobId} did not finish within ${timeoutMs} ms (last: ${JSON.stringify(seen.at(-1))})`);
}

/** Starts a job and waits for it to finish; returns its final view. */
export async function runJob(target: HttpTarget, body: Record<string, unknown>) {
  const created = await request(target).post('/api/admin/product-import/jobs').set(AUTH).send(body).expect(201);
  const seen = await pollJob(target, created.body.jobId);
  return seen.at(-1)!;
}
