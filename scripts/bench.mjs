#!/usr/bin/env node
// `npm run bench`: how fast the product import is, measured on the real job path against the local
// MariaDB, in fresh bench_* databases. Prints a table, writes bench/results/<date>.json, and asserts
// nothing about speed: it fails only when something breaks (a job fails, the floor writes other
// products than our import, a poll errors).
//
//   npm run bench [-- --products 48000] [--scale] [--runs 5] [--poll-seconds 20] [--keep-databases] [--backend-dist dir]
//     [--edition open-source|commerce] [--stock legacy|msi] [--table-prefix P] [--rich-attributes] [--children 12]
//     (the shop shape seeded, --children N: configurable-heavy, N children a style; the backend runs with
//     the matching MAGENTO_STOCK_SOURCE and MAGENTO_TABLE_PREFIX; without a shape option, a full run
//     also measures Commerce + MSI + prefix, rich attributes and a configurable-heavy catalog of 12)
//   --runs N: every catalog is seeded once, then the job phases run N times, each with fresh Lookbook
//     databases and a fresh backend; each target is printed with its median and worst run.
//   npm run bench -- --smoke --products 2000     (the tiny version `npm test` runs)
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { ensureFreshBackendBuild } from './bench/build.mjs';
import { benchEnv, startBackend } from './bench/backend.mjs';
import { connectServer, dropDatabase, migrateLookbook, recreateDatabase, seedCatalog, waitForServerToSettle } from './bench/databases.mjs';
import { compareWithImport, runFloor } from './bench/floor.mjs';
import { importEverything, reimportUntil } from './bench/import-phases.mjs';
import { pollFinishedJob, pollWhileJobsRun } from './bench/poll-load.mjs';
import { evaluateTargets, printReport, summarizeTargets, writeResults } from './bench/report.mjs';
import { measureRefresh } from './bench/refresh-phase.mjs';
import { runScaleCheck, seedScaleCatalog } from './bench/scale.mjs';
import { COMMERCE_MSI, RICH_ATTRIBUTES, configurableHeavy, describeShape, measureCatalog, seedShape } from './bench/shapes.mjs';
import { megabytes } from './bench/stats.mjs';
import { checkFigures } from './bench/checks.mjs';

const root = join(import.meta.dirname, '..');
/** The admin UI polls a running job once a second. */
const UI_POLLS_PER_SECOND = 1;
const started = performance.now();
const log = (text) => console.log(String(text).split('\n').map((line) => (line ? `[bench] ${line}` : '')).join('\n'));

const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    products: { type: 'string', default: '48000' },
    seed: { type: 'string', default: '42' },
    scale: { type: 'boolean', default: false },
    'scale-products': { type: 'string', default: '480000' },
    'job-size': { type: 'string', default: '1000' },
    'chunk-size': { type: 'string' },
    'poll-seconds': { type: 'string' },
    'poll-connections': { type: 'string', default: '50' },
    'rss-jobs': { type: 'string', default: '50' },
    'keep-databases': { type: 'boolean', default: false },
    'backend-dist': { type: 'string' },
    edition: { type: 'string', default: 'open-source' },
    stock: { type: 'string', default: 'legacy' },
    'table-prefix': { type: 'string', default: '' },
    'rich-attributes': { type: 'boolean', default: false },
    runs: { type: 'string', default: '1' },
    children: { type: 'string' },
  },
});
const config = {
  products: positive('products'),
  seed: Number(args.seed),
  jobSize: positive('job-size'),
  // Unset: the backend's own default, which is what users get.
  chunkSize: args['chunk-size'] === undefined ? undefined : positive('chunk-size'),
  pollSeconds: args['poll-seconds'] === undefined ? (args.smoke ? 3 : 20) : positive('poll-seconds'),
  pollConnections: positive('poll-connections'),
  rssJobs: positive('rss-jobs'),
  scaleProducts: positive('scale-products'),
  shape: {
    edition: args.edition,
    stock: args.stock,
    tablePrefix: args['table-prefix'],
    richAttributes: args['rich-attributes'],
    ...(args.children !== undefined && { children: positive('children') }),
  },
  runs: positive('runs'),
};
/** Children a style of the configurable-heavy catalog a full run measures beside the demo catalog, as in Magento's sample store. */
const SAMPLE_STORE_CHILDREN = 12;

// Smoke runs (from npm test) get their own names, so two of them, or one and a full run, never
// share a database.
const prefix = args.smoke ? `bench_smoke_${randomBytes(3).toString('hex')}` : 'bench';
const names = { magento: `${prefix}_magento`, lookbook: `${prefix}_lookbook`, floor: `${prefix}_floor` };
const scaleNames = { magento: `${prefix}_magento_scale`, lookbook: `${prefix}_lookbook_scale` };
const shapeNames = { magento: `${prefix}_magento_shape`, lookbook: `${prefix}_lookbook_shape` };
const richNames = { magento: `${prefix}_magento_rich`, lookbook: `${prefix}_lookbook_rich`, floor: `${prefix}_floor_rich` };
const childrenNames = { magento: `${prefix}_magento_children`, lookbook: `${prefix}_lookbook_children`, floor: `${prefix}_floor_children` };

const { admin, urlFor } = await connectServer();
let backend;
let exitCode = 0;
try {
  // --backend-dist: another build of the backend (a candidate change), measured as it is.
  if (args['backend-dist']) process.env.BENCH_BACKEND_DIST = resolve(args['backend-dist']);
  const build = args['backend-dist'] ? { dist: process.env.BENCH_BACKEND_DIST } : ensureFreshBackendBuild(log);
  const [[{ version }]] = await admin.query('SELECT VERSION() AS version');
  const figures = {
    mode: args.smoke ? 'smoke' : 'full',
    startedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version, mariadb: version },
    config,
    build,
  };

  // Every shop is seeded once; each run imports them again into fresh Lookbooks with fresh backends.
  // The floor statement and the refresh phase's shop edits speak Open Source's unprefixed tables and
  // legacy stock; on the other shapes the jobs, polls and memory are measured without them.
  const { shape } = config;
  const openSourceLegacy = shape.edition === 'open-source' && shape.stock === 'legacy' && !shape.tablePrefix;
  // The dearest shop shape, an attribute-heavy and a configurable-heavy catalog beside the main
  // run, unless the main run is already another shape.
  const sideCatalogs = !args.smoke && openSourceLegacy && !shape.richAttributes && !shape.children
    ? [['shapes', shapeNames, COMMERCE_MSI], ['rich', richNames, RICH_ATTRIBUTES], ['children', childrenNames, configurableHeavy(SAMPLE_STORE_CHILDREN)]]
    : [];
  const catalogOf = { products: config.products, seed: config.seed, log, admin, urlFor };
  const seededSides = [];
  for (const [key, sideNames, sideShape] of sideCatalogs) seededSides.push(await seedShape({ ...catalogOf, names: sideNames, shape: sideShape }));
  const scaleCatalog = args.scale
    ? await seedScaleCatalog({ ...catalogOf, names: scaleNames, products: config.scaleProducts, jobSize: config.jobSize, shape })
    : null;
  // The main catalog last, as it is seeded again before every later run (below): run 1 then finds its
  // pages as every later run does, rather than pushed out of MariaDB's buffer pool by the 480,000
  // products seeded after it (run 1's first job was the only one whose shop reads were slower).
  await recreateDatabase(admin, names.magento);
  const seedMain = () => seedCatalog(urlFor(names.magento), { products: config.products, seed: config.seed, log, shape: config.shape });
  log(`seeding ${config.products.toLocaleString('en')} products (seed ${config.seed}) into ${names.magento}`);
  const seeded = await seedMain();
  figures.catalog = { products: config.products, shape: config.shape, seedSeconds: seeded.seconds, onSaleBySeedCheck: seeded.onSale };
  // Every catalog is written to disk before run 1.
  await waitForServerToSettle(admin, { log });

  figures.runs = [];
  for (let run = 1; run <= config.runs; run++) {
    if (config.runs > 1) log(`run ${run} of ${config.runs}`);
    // The refresh phase changed the shop: the next run starts from the same catalog again.
    if (run > 1 && openSourceLegacy) {
      log(`seeding ${names.magento} again: the last run's refresh changed it`);
      await seedMain();
      await waitForServerToSettle(admin, { log });
    }
    const figuresOfRun = await measureMainCatalog({ openSourceLegacy });
    for (const [i, [key, sideNames, sideShape]] of sideCatalogs.entries()) {
      const { jobSize, chunkSize } = config;
      figuresOfRun[key] = await measureCatalog({ admin, urlFor, names: sideNames, jobSize, chunkSize, log, shape: sideShape, seeded: seededSides[i] });
    }
    if (scaleCatalog) {
      const { jobSize, chunkSize } = config;
      figuresOfRun.scale = await runScaleCheck({ admin, urlFor, names: scaleNames, catalog: scaleCatalog, jobSize, chunkSize, shape, log });
    }
    figures.runs.push(figuresOfRun);
  }

  figures.targets = summarizeTargets(figures.runs.map((run) => evaluateTargets({ ...figures, ...run })));
  figures.totalSeconds = (performance.now() - started) / 1000;
  printReport(figures, log);
  const problems = figures.runs.flatMap((run, i) => checkFigures({ ...figures, ...run }).map((problem) => (config.runs > 1 ? `run ${i + 1}: ${problem}` : problem)));
  log('');
  log(`figures written to ${writeResults(figures, root)} (${figures.totalSeconds.toFixed(1)} s)`);
  for (const problem of problems) console.error(`[bench] FAILED: ${problem}`);
  exitCode = problems.length ? 1 : 0;
} catch (error) {
  console.error(`[bench] FAILED: ${error.message}`);
  if (error.workerStack) console.error(error.workerStack);
  exitCode = 1;
} finally {
  backend?.kill();
  const all = [names, scaleNames, shapeNames, richNames, childrenNames].flatMap((set) => Object.values(set));
  if (!args['keep-databases']) {
    for (const name of all) await dropDatabase(admin, name);
  } else {
    log(`kept databases ${all.join(', ')} (those this run made)`);
  }
  await admin.end();
}
process.exit(exitCode);

/**
 * One run on the main catalog, in fresh Lookbook databases with a fresh backend: every product on
 * sale through jobs (and the floor), memory over many jobs, polls during jobs, and (Open Source
 * legacy) the refresh, with polls during refreshes. Resolves to the run's figures.
 */
async function measureMainCatalog({ openSourceLegacy }) {
  for (const name of [names.lookbook, names.floor]) {
    await recreateDatabase(admin, name);
    await migrateLookbook(urlFor(name));
  }
  const figures = {};
  const startMainBackend = () => startBackend(benchEnv({ magentoUrl: urlFor(names.magento), lookbookUrl: urlFor(names.lookbook), chunkSize: config.chunkSize, shape: config.shape }));
  backend = await startMainBackend();
  config.chunkSize = backend.chunkSize;
  await measureImportAndFloor(figures, { withFloor: openSourceLegacy });
  await measurePolls(figures);
  // It changes the shop, which the phases above re-import as it was seeded.
  if (openSourceLegacy) {
    figures.refresh = await measureRefresh(backend, { admin, magentoDb: names.magento, lookbookDb: names.lookbook, log });
    figures.polls.duringRefresh = await measurePollsDuringRefreshes();
  }
  await backend.close();
  // Memory is read after forced collections, and a forced collection throws away the code V8 has
  // optimized: the job after one ran 1.1-1.6x (median 1.25x) the one after that. So the memory phase has a backend
  // of its own, and no job another phase times follows a forced collection.
  backend = await startMainBackend();
  await measureMemory(figures);
  await backend.close();
  backend = undefined;
  return figures;
}

/** Every eligible product through our jobs, then through the floor statement over the same ranges. */
async function measureImportAndFloor(figures, { withFloor }) {
  log(`backend up on ${backend.baseUrl}; importing everything in jobs of ${config.jobSize}`);
  figures.import = await importEverything(backend, { jobSize: config.jobSize });
  if (!withFloor) return log(`no floor for ${describeShape(config.shape)}: it reads Open Source tables with legacy stock`);

  log('running the set-based SQL floor over the same id ranges');
  const ranges = figures.import.jobs.map(({ afterId, lastId }) => ({ afterId, lastId }));
  const floor = await runFloor({ magentoUrl: urlFor(names.magento), floorDatabase: names.floor, ranges });
  const comparison = await compareWithImport(admin, { importDatabase: names.lookbook, floorDatabase: names.floor });
  figures.floor = { ...floor, ratio: figures.import.total.elapsedMs / floor.totalMs, comparison };
}

/** On a fresh backend, re-import jobs (cycling over the import's start ids) until it has run rssJobs jobs. */
async function measureMemory(figures) {
  log(`re-importing on a fresh backend until it has run ${config.rssJobs} jobs, for its memory`);
  const sampleEvery = Math.max(1, Math.round(config.rssJobs / 5));
  const reimports = await reimportUntil(backend, { startIds: startIdsOf(figures), jobSize: config.jobSize, untilJobsRun: config.rssJobs, sampleEvery });
  const [afterFirstJob] = reimports.curve;
  const afterLastJob = await backend.memory();
  figures.memory = {
    bootRssMb: megabytes(backend.bootMemory.rss),
    warmUpMs: backend.warmUpMs,
    afterFirstJob,
    afterLastJob,
    lastJob: afterLastJob.jobsRun,
    growthMb: megabytes(afterLastJob.rss - afterFirstJob.rss),
    growthAtOnceMb: megabytes(afterLastJob.rssAtOnce - afterFirstJob.rssAtOnce),
    curve: [...reimports.curve, afterLastJob],
    reimports,
  };
}

/**
 * GET job polls: on a finished job with nothing running (closed loop), then while re-import jobs
 * run, first paced as the admin UI polls (with the dialog's GET /state timed beside them), then
 * closed loop (the most the backend answers).
 */
async function measurePolls(figures) {
  const polling = { seconds: config.pollSeconds, connections: config.pollConnections };
  const what = `polling GET job with ${config.pollConnections} connections for ${config.pollSeconds} s`;
  log(`${what}: a finished job, no job running`);
  const idle = await pollFinishedJob(backend, { ...polling, jobId: figures.import.jobs.at(-1).id });
  const startIds = startIdsOf(figures);
  const jobParams = (i) => ({ limit: config.jobSize, resumeFromLast: false, startAfterId: startIds[i % startIds.length] });
  log(`${what}, each once a second as the admin UI does, while re-import jobs run`);
  const paced = await pollWhileJobsRun(backend, { ...polling, jobParams, pollsPerSecondEach: UI_POLLS_PER_SECOND, withState: true });
  log(`${what}, closed loop, while re-import jobs run`);
  const saturated = await pollWhileJobsRun(backend, { ...polling, jobParams });
  figures.polls = { ...paced, saturated, idle };
}

/**
 * The same paced polls and GET /state while refreshes of every imported product run back to back,
 * then closed loop: a refresh's time under that load, beside how long its event loop waited for a
 * core, tells the host's share from the backend's.
 */
async function measurePollsDuringRefreshes() {
  const what = `polling GET job with ${config.pollConnections} connections for ${config.pollSeconds} s`;
  const jobParams = () => ({ mode: 'refresh', limit: 100, resumeFromLast: true, startAfterId: null });
  const polling = { seconds: config.pollSeconds, connections: config.pollConnections, jobParams };
  log(`${what}, each once a second, while refresh jobs run`);
  const paced = await pollWhileJobsRun(backend, { ...polling, pollsPerSecondEach: UI_POLLS_PER_SECOND, withState: true });
  log(`${what}, closed loop, while refresh jobs run`);
  return { ...paced, saturated: await pollWhileJobsRun(backend, polling) };
}

function startIdsOf(figures) {
  return figures.import.jobs.map((job) => job.afterId);
}

function positive(name) {
  const value = Number(args[name]);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`[bench] --${name} must be a positive integer, got "${args[name]}"`);
    process.exit(2);
  }
  return value;
}
