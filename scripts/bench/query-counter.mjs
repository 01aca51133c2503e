// Counts the SQL statements an import job sends, per data source and per kind of statement.
//
// Every statement the backend sends goes through a TypeORM query runner, which announces it to the
// data source's subscribers ("beforeQuery") before handing it to mysql2's query(); that fills in the
// parameters client-side and sends one COM_QUERY. So one announced query is one round trip and one
// server "Question" (checked against SHOW GLOBAL STATUS LIKE 'Questions' on an idle server).
// The counter lives in an AsyncLocalStorage context around the job, so statements from anything
// else in the process (HTTP polls, the supervisor's stale-job timer) are not counted, and the figure
// stays exact even while other clients use the same MariaDB server.
import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';

const context = new AsyncLocalStorage();
// Switched on at load, before the backend exists: an AsyncLocalStorage switched on adds a property
// to every promise made from then on, and switching it on at the first job would change the shape
// of the promises the warm-up's optimized code has seen, which V8 then throws away (measured: 40
// functions deoptimized in the first job, which ran ~1.25x a later one).
context.run(null, () => undefined);

export function newTally() {
  return { total: 0, bySource: {}, byKind: {} };
}

/** Runs `work` with every statement it sends counted into `tally`. */
export function countQueries(tally, work) {
  return context.run(tally, work);
}

/** Subscribes to one data source's queries; `name` labels them (e.g. "magento", "lookbook"). */
export function attachCounter(dataSource, name) {
  const startedAt = new WeakMap();
  dataSource.subscribers.push({
    beforeQuery(event) {
      const tally = context.getStore();
      if (!tally) return;
      tally.total += 1;
      tally.bySource[name] = (tally.bySource[name] ?? 0) + 1;
      const kind = `${name}: ${kindOf(event.query)}`;
      const entry = (tally.byKind[kind] ??= { count: 0, ms: 0 });
      entry.count += 1;
      // A query runner runs one statement at a time, so it keys the statement's start time.
      startedAt.set(event.queryRunner, { entry, at: performance.now() });
    },
    afterQuery(event) {
      const started = startedAt.get(event.queryRunner);
      if (!started) return;
      startedAt.delete(event.queryRunner);
      started.entry.ms += performance.now() - started.at;
    },
  });
}

/**
 * Each statement text's kind, worked out once: the texts carry placeholders, so a job repeats a few
 * dozen of them, and classifying every statement afresh was some milliseconds of the very job the
 * counter measures.
 */
const kinds = new Map();
const KINDS_KEPT = 10_000;

function kindOf(sql) {
  // The verb and first table come early: a chunk's INSERT runs to ~100 kB, not looked at whole.
  const head = String(sql).slice(0, 400);
  let kind = kinds.get(head);
  if (kind === undefined) {
    if (kinds.size >= KINDS_KEPT) kinds.clear();
    kind = statementKind(head);
    kinds.set(head, kind);
  }
  return kind;
}

/** "SELECT catalog_product_entity_int", "INSERT products", "COMMIT" of a statement's head (see kindOf): enough to tell statements apart. */
export function statementKind(head) {
  const text = head.replace(/\s+/g, ' ').trim();
  const verb = text.split(' ')[0].toUpperCase();
  const table = /\b(?:FROM|INTO|UPDATE)\s+`?(\w+)`?/i.exec(text)?.[1];
  if (verb === 'SELECT' && /^SELECT COUNT\(\*\) AS n FROM \(/i.test(text)) return 'SELECT COUNT(eligible)';
  if (verb === 'SELECT' && /FROM catalog_product_entity e\b/.test(text)) return 'SELECT eligible ids';
  return table ? `${verb} ${table}` : text.slice(0, 40);
}
