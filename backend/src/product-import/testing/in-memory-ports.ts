// In-memory stand-ins for the ports, for unit tests of the job logic only.
import { JobAlreadyRunningError, JobLeaseLostError } from '../domain/import-errors';
import { ImportJob, ImportJobError, ImportJobMetrics, ImportJobParams, JobMode, emptyMetrics } from '../domain/import-job';
import { CatalogPage, ProductRecord, emptyUpsertResult } from '../domain/product-record';
import { SkuClaim, displaced, resolveSkuClaims } from '../domain/sku-claims';
import { CatalogSource, EligibleIdsQuery } from '../ports/catalog-source';
import { ImportJobStore } from '../ports/import-job-store';
import { CURSOR_META_KEY, ProductSink, ProductSinkTransaction } from '../ports/product-sink';

export function product(sourceId: number, overrides: Partial<ProductRecord> = {}): ProductRecord {
  return {
    source_id: sourceId, sku: `SKU-${sourceId}`, title: `Product ${sourceId}`, price: '10.0000', stock_qty: '5.0000',
    in_stock: true, size_range: null, color: null, material: null, pattern: null, occasion: null, season: null,
    image_key: null, url_key: null, category: null, attributes: {}, product_created_at: null,
    final_price: '10.0000', images: [], image_url: null, product_url: null, variants: [], ...overrides,
  };
}

export class InMemoryCatalog extends CatalogSource {
  /** Set to make fetching any product after this source id fail, as a lost connection would. */
  failAfterId: number | null = null;

  constructor(private readonly products: ProductRecord[]) {
    super();
  }

  async selectEligibleIds({ afterId, limit }: EligibleIdsQuery): Promise<number[]> {
    return this.eligibleAfter(afterId).slice(0, limit).map((p) => p.source_id);
  }

  async fetchProducts(sourceIds: number[]): Promise<CatalogPage> {
    if (this.failAfterId !== null && sourceIds.some((id) => id > this.failAfterId!)) {
      throw Object.assign(new Error('Connection lost: the server closed the connection.'), { code: 'PROTOCOL_CONNECTION_LOST' });
    }
    const page = this.products.filter((p) => sourceIds.includes(p.source_id)).sort((a, b) => a.source_id - b.source_id);
    const products = page.filter((p) => p.sku !== '');
    const skipped = page.filter((p) => p.sku === '').map((p) => ({ source_id: p.source_id, sku: '', reason: 'Empty SKU' }));
    return { products, skipped, lastSourceId: sourceIds.length ? Math.max(...sourceIds) : null };
  }

  async filterEligible(sourceIds: number[]): Promise<number[]> {
    const wanted = new Set(sourceIds);
    return this.eligibleAfter(0).filter((p) => wanted.has(p.source_id)).map((p) => p.source_id);
  }

  /** Takes a product off sale (or out of the catalog): it is no longer eligible. */
  remove(sourceId: number): void {
    const index = this.products.findIndex((p) => p.source_id === sourceId);
    if (index >= 0) this.products.splice(index, 1);
  }

  /** Puts a product on sale, or replaces its record (e.g. a new price or SKU). */
  put(record: ProductRecord): void {
    this.remove(record.source_id);
    this.products.push(record);
  }

  async ping(): Promise<void> {}

  async countEligible({ afterId }: { afterId: number }): Promise<number> {
    return this.eligibleAfter(afterId).length;
  }

  private eligibleAfter(afterId: number) {
    return this.products.filter((p) => p.source_id > afterId).sort((a, b) => a.source_id - b.source_id);
  }
}

/** Commits a transaction's writes only when its work resolves, like the real database. */
export class InMemoryLookbook extends ProductSink {
  /** SKU → row, as the products table keys them. */
  rows = new Map<string, ProductRecord>();
  /** SKU → the row's id. */
  ids = new Map<string, number>();
  meta = new Map<string, string>();
  /** source_id → the product the Lookbook refused and owes. */
  owed = new Map<number, { sku: string; message: string }>();
  /** SKUs the "database" refuses. */
  refused = new Set<string>();
  private nextId = 1;
  /** Every value the cursor was committed with, in order. */
  cursorHistory: number[] = [];

  /** The job table the leases are checked against (the same database in production). */
  constructor(private readonly jobs?: InMemoryJobs) {
    super();
  }

  /**
   * Set to cut the connection as the next COMMIT goes out: 'landed' commits it all the same,
   * 'lost' does not; either way the caller hears only that the connection was lost.
   */
  cutAtNextCommit: 'landed' | 'lost' | null = null;

  async transaction<T>(work: (tx: ProductSinkTransaction) => Promise<T>): Promise<T> {
    const rows = new Map(this.rows);
    const ids = new Map(this.ids);
    const meta = new Map(this.meta);
    const owed = new Map(this.owed);
    const cursors: number[] = [];
    const jobWrites: Array<() => Promise<unknown>> = [];
    const result = await work(this.view(rows, ids, meta, owed, cursors, jobWrites));
    const cut = this.cutAtNextCommit;
    this.cutAtNextCommit = null;
    if (cut !== 'lost') {
      this.rows = rows;
      this.ids = ids;
      this.meta = meta;
      this.owed = owed;
      this.cursorHistory.push(...cursors);
      for (const write of jobWrites) await write();
    }
    if (cut) throw Object.assign(new Error('Connection lost: the server closed the connection.'), { code: 'PROTOCOL_CONNECTION_LOST' });
    return result;
  }

  /** Adds a row as an earlier job would have left it, e.g. a copy from before a SKU change. */
  seed(record: ProductRecord): void {
    this.rows.set(record.sku, structuredClone(record));
    this.ids.set(record.sku, this.nextId++);
  }


  private view(
    rows: Map<string, ProductRecord>,
    ids: Map<string, number>,
    meta: Map<string, string>,
    owed: Map<number, { sku: string; message: string }>,
    cursors: number[],
    jobWrites: Array<() => Promise<unknown>>,
  ): ProductSinkTransaction {
    const skuOf = (rowId: number) => [...ids].find(([, id]) => id === rowId)![0];
    // Case aside, as Magento compares SKUs (the database's collation in production).
    const key = (sku: string) => sku.toLowerCase();
    const claimSkus = (products: ProductRecord[]): SkuClaim[] =>
      products.map((p) => ({
        product: p,
        sameSkuGroup: products.findIndex((other) => key(other.sku) === key(p.sku)),
        holders: [...rows.values()]
          .filter((r) => key(r.sku) === key(p.sku))
          .map((r) => ({ id: ids.get(r.sku)!, source_id: r.source_id, sku: r.sku, in_stock: r.in_stock, content_hash: JSON.stringify(r) })),
      }));
    const importedRows = () =>
      [...rows.values()]
        .map((r) => ({ id: ids.get(r.sku)!, source_id: r.source_id, sku: r.sku, in_stock: r.in_stock, stock_qty: r.stock_qty }))
        .sort((a, b) => a.source_id - b.source_id || a.id - b.id);
    return {
      batchUpsertProducts: async (products) => {
        const result = emptyUpsertResult();
        const { won, lost } = resolveSkuClaims(claimSkus(products));
        result.rejected.push(...lost);
        for (const { product: p, row, takenFrom } of won) {
          if (this.refused.has(p.sku)) {
            result.rejected.push({ source_id: p.source_id, sku: p.sku, message: 'Data too long' });
            continue;
          }
          const existing = row ? skuOf(row.id) : undefined;
          const outcome = existing === undefined ? 'inserted' : JSON.stringify(rows.get(existing)) === JSON.stringify(p) ? 'unchanged' : 'updated';
          result[outcome]++;
          result.skus[outcome].push(p.sku);
          if (takenFrom && outcome === 'updated') result.displaced.push(displaced(takenFrom, p));
          if (existing !== undefined) {
            rows.delete(existing);
            ids.delete(existing);
          }
          rows.set(p.sku, structuredClone(p));
          ids.set(p.sku, row?.id ?? this.nextId++);
        }
        return result;
      },
      getMeta: async (key) => meta.get(key) ?? null,
      setMeta: async (key, value) => void meta.set(key, value),
      readImportedChunk: async (afterSourceId, limit) => {
        const all = importedRows().filter((r) => r.source_id > afterSourceId);
        const last = all[Math.min(limit, all.length) - 1]?.source_id;
        return all.filter((r) => r.source_id <= last);
      },
      lockRows: async (rowIds) => importedRows().filter((r) => rowIds.includes(r.id)),
      claimSkus: async (products) => claimSkus(products),
      updateRows: async (updates) => {
        const result = { updated: 0, unchanged: 0, rejected: [] as Array<{ source_id: number; sku: string; message: string }> };
        for (const { rowId, product } of updates) {
          if (this.refused.has(product.sku)) {
            result.rejected.push({ source_id: product.source_id, sku: product.sku, message: 'Data too long' });
            continue;
          }
          const sku = skuOf(rowId);
          if (JSON.stringify(rows.get(sku)) === JSON.stringify(product)) {
            result.unchanged++;
            continue;
          }
          rows.delete(sku);
          ids.delete(sku);
          rows.set(product.sku, structuredClone(product));
          ids.set(product.sku, rowId);
          result.updated++;
        }
        return result;
      },
      withdrawRows: async (rowIds) => {
        for (const rowId of rowIds) rows.set(skuOf(rowId), { ...rows.get(skuOf(rowId))!, in_stock: false, stock_qty: '0.0000' });
      },
      countImported: async () => ({ imported: rows.size, onSale: [...rows.values()].filter((r) => r.in_stock).length, owed: owed.size }),
      owedSourceIds: async () => [...owed.keys()].sort((a, b) => a - b),
      recordOwed: async (rejected) => rejected.forEach(({ source_id, sku, message }) => owed.set(source_id, { sku, message })),
      settleOwed: async (sourceIds) => sourceIds.forEach((id) => owed.delete(id)),
      countImportedBetween: async (afterSourceId, upTo) => new Set([...rows.values()].map((r) => r.source_id).filter((id) => id > afterSourceId && id <= upTo)).size,
      advanceCursor: async (sourceId) => {
        meta.set(CURSOR_META_KEY, String(Math.max(sourceId, Number(meta.get(CURSOR_META_KEY) ?? 0))));
        cursors.push(Number(meta.get(CURSOR_META_KEY)));
      },
      recordJobProgress: async (jobId, lease, { metrics, errors }, now) => {
        if (!this.jobs) return;
        if (!this.jobs.isRunningUnder(jobId, lease)) throw new JobLeaseLostError(jobId);
        jobWrites.push(() => this.jobs!.saveProgress(jobId, lease, metrics, errors, now));
      },
    };
  }
}

export class InMemoryJobs extends ImportJobStore {
  jobs = new Map<string, ImportJob>();
  /** Every status a job was saved with, in order. */
  history: Array<{ id: string; status: string; metrics: ImportJobMetrics }> = [];

  async createQueued(id: string, params: ImportJobParams, now: Date) {
    const active = await this.findActive();
    if (active) throw new JobAlreadyRunningError(active.id);
    this.jobs.set(id, { id, status: 'queued', params, metrics: emptyMetrics(), errors: [], created_at: now, started_at: null, finished_at: null, heartbeat_at: now, error_message: null });
  }
  async findById(id: string) {
    this.failIfUnreachable();
    return this.jobs.get(id) ?? null;
  }
  async findActive() {
    return [...this.jobs.values()].find((j) => j.status === 'queued' || j.status === 'running') ?? null;
  }
  async findLastFinished(mode?: JobMode) {
    return [...this.jobs.values()].filter((j) => j.finished_at && (!mode || j.params.mode === mode)).at(-1) ?? null;
  }
  /** Set to make every read and write of a job by its runner fail, as an unreachable database would. */
  unreachable = false;
  private readonly leases = new Map<string, string>();

  isRunningUnder(id: string, lease: string): boolean {
    return this.jobs.get(id)?.status === 'running' && this.leases.get(id) === lease;
  }
  async markRunning(id: string, lease: string, now: Date) {
    this.failIfUnreachable();
    if (this.jobs.get(id)?.status !== 'queued') return false;
    this.leases.set(id, lease);
    this.update(id, { status: 'running', started_at: now });
    return true;
  }
  async saveProgress(id: string, lease: string, metrics: ImportJobMetrics, errors: ImportJobError[], _now?: Date) {
    this.failIfUnreachable();
    if (!this.isRunningUnder(id, lease)) return false;
    this.update(id, { metrics, errors });
    return true;
  }
  /** What the stale rule does to a job whose process is not heard from. */
  failAsStale(id: string, message: string) {
    this.update(id, { status: 'failed', error_message: message, finished_at: new Date() });
  }
  async heartbeat(id: string, now: Date) {
    this.update(id, { heartbeat_at: now });
  }
  async finish(id: string, lease: string, outcome: { status: 'completed' | 'failed'; metrics: ImportJobMetrics; errors: ImportJobError[]; errorMessage: string | null }, now: Date) {
    this.failIfUnreachable();
    if (!this.isRunningUnder(id, lease)) return false;
    this.update(id, { status: outcome.status, metrics: outcome.metrics, errors: outcome.errors, error_message: outcome.errorMessage, finished_at: now });
    return true;
  }
  async failStale() {
    return [];
  }

  private failIfUnreachable() {
    if (this.unreachable) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
  }

  private update(id: string, changes: Partial<ImportJob>) {
    const job = { ...this.jobs.get(id)!, ...changes };
    this.jobs.set(id, job);
    this.history.push({ id, status: job.status, metrics: { ...job.metrics } });
  }
}
