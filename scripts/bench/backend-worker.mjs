// The backend under test, in a process of its own: the real Nest app from the built AppModule,
// configured as main.ts configures it and listening on loopback. The bench drives it over IPC.
//
// It runs apart from the bench so that its RSS is the backend's own, and so that the HTTP load
// generator does not share (and slow down) the event loop that answers the requests.
// Configuration comes from the environment the bench sets (MYSQL_SHOP_URL, LOOKBOOK_DB_URL, ...).
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { PerformanceObserver, constants as perf, performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { getHeapSpaceStatistics } from 'node:v8';
import { watchEventLoop } from './loop-watch.mjs';
import { attachCounter, countQueries, newTally } from './query-counter.mjs';
import { tenths } from './stats.mjs';

const require = createRequire(import.meta.url);
// BENCH_BACKEND_DIST (--backend-dist) measures another build, e.g. a candidate change, on the same data.
const distRoot = process.env.BENCH_BACKEND_DIST || join(import.meta.dirname, '../../backend/dist');
const dist = (path) => require(join(distRoot, 'src', path));
// Nest's DI reads the decorator metadata tsc emitted, so the built CommonJS is loaded, not sources.
require('reflect-metadata');
const { NestFactory } = require('@nestjs/core');
const { getDataSourceToken } = require('@nestjs/typeorm');
const { AppModule } = dist('app.module.js');
const { configureApp } = dist('app.setup.js');
const { APP_CONFIG } = dist('config/app-config.js');
const { MAGENTO_DATA_SOURCE } = dist('database/data-source-options.js');
const { ImportJobRunner } = dist('product-import/job/import-job-runner.js');
const { RefreshJobRunner } = dist('product-import/job/refresh-job-runner.js');
const { ImportJobStore } = dist('product-import/ports/import-job-store.js');
const { CURSOR_META_KEY, ProductSink } = dist('product-import/ports/product-sink.js');

let app;
let jobsRun = 0;
/** Connections the backend's pools opened so far (both databases). */
let connectionsOpened = 0;
/** How long memory() waits after the collection before reading RSS again. */
const SETTLE_MS = 2_000;

const methods = {
  async start() {
    app = await NestFactory.create(AppModule, { bodyParser: false, logger: ['error', 'warn'] });
    const config = app.get(APP_CONFIG);
    configureApp(app, config);
    attachCounter(app.get(getDataSourceToken()), 'lookbook');
    // The shop's data source connects on first use, and connecting replaces its subscribers.
    const magento = app.get(getDataSourceToken(MAGENTO_DATA_SOURCE));
    await magento.connectIfNeeded();
    attachCounter(magento, 'magento');
    for (const dataSource of [app.get(getDataSourceToken()), magento]) countConnections(dataSource);
    await app.listen(0, '127.0.0.1');
    // Jobs start once the warm-up at boot has ended, as an admin arriving after a deploy finds the
    // backend; how long that took after listening is reported beside the memory figures.
    const listening = performance.now();
    await app.get(ImportJobRunner).warmedUp();
    const warmUpMs = Math.round(performance.now() - listening);
    return { warmUpMs, port: app.getHttpServer().address().port, chunkSize: config.import.chunkSize, bootMemory: memory() };
  },

  /**
   * One job as POST /jobs runs it: inserted as queued through the job store (what the command
   * handler does), then run by ImportJobRunner (RefreshJobRunner for a refresh). Runs in the foreground so its end is known exactly;
   * the supervisor's heartbeat (one UPDATE every 2 s) is the only thing left out.
   */
  async runJob({ params, cursorAt }) {
    const jobs = app.get(ImportJobStore);
    // Where a resume job is to start, placed as an earlier job would have left it; not counted.
    if (cursorAt !== undefined) await app.get(ProductSink).setMeta(CURSOR_META_KEY, String(cursorAt));
    const runner = app.get(params.mode === 'refresh' ? RefreshJobRunner : ImportJobRunner);
    const jobId = randomUUID();
    const queries = newTally();
    const loop = watchEventLoop();
    // Collections meanwhile: a full one is a pause of the collector, not of the job's own code, and
    // any collection inside the longest interval is told with it.
    const connectionsBefore = connectionsOpened;
    const collections = new PerformanceObserver(() => undefined);
    collections.observe({ entryTypes: ['gc'] });
    await countQueries(queries, async () => {
      await jobs.createQueued(jobId, params, new Date());
      process.send({ event: 'jobStarted', jobId });
      await runner.run(jobId);
    });
    const { from, to, ...longest } = loop.stop();
    const gcs = collections.takeRecords();
    collections.disconnect();
    const majorGcMs = gcs.filter((entry) => entry.detail?.kind === perf.NODE_PERFORMANCE_GC_MAJOR).map((entry) => entry.duration);
    const gcInLongest = gcs.reduce((ms, entry) => ms + Math.max(0, Math.min(to, entry.startTime + entry.duration) - Math.max(from, entry.startTime)), 0);
    const loopDelay = { ...longest, gcMs: tenths(gcInLongest) };
    jobsRun += 1;
    const job = await jobs.findById(jobId);
    return {
      job, queries, jobsRun, loopDelay, majorGcMaxMs: tenths(Math.max(0, ...majorGcMs)),
      connectionsOpened: connectionsOpened - connectionsBefore,
    };
  },

  /**
   * Memory after a full collection, so the figure is what the process keeps, not garbage. RSS is
   * read at once and again after a pause, once the process has given back what it freed (after 50
   * jobs RSS fell by ~20 MB in those two seconds while the V8 heap kept its size).
   */
  async memory() {
    globalThis.gc?.();
    const atOnce = memory();
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    return { ...memory(), rssAtOnce: atOnce.rss };
  },

  async close() {
    await app?.close();
    setImmediate(() => process.exit(0));
    return null;
  },
};

/** mysql2's pool announces each connection it opens ("connection"); TypeORM keeps it as driver.pool. */
function countConnections(dataSource) {
  dataSource.driver.pool?.on?.('connection', () => (connectionsOpened += 1));
}

function memory() {
  const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
  const spaces = Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, s.space_size]));
  return { rss, heapTotal, heapUsed, external, arrayBuffers, jobsRun, connectionsOpened, spaces };
}

process.on('message', async ({ id, method, args }) => {
  try {
    process.send({ id, result: await methods[method](args ?? {}) });
  } catch (error) {
    process.send({ id, error: { message: error.message, stack: error.stack } });
  }
});
process.on('disconnect', () => process.exit(1));
