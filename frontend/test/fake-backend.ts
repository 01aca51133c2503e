import { vi } from "vitest";

import type { ImportJob, ImportState, Product } from "@/features/product-import/types";

type Reply = { status: number; body: unknown } | Error;
type Handler = Reply | ((request: { url: string; body: unknown }) => Reply);

export interface RecordedCall {
  method: string;
  url: string;
  body: unknown;
}

/**
 * Stubs global fetch with routes keyed "METHOD /path". A route given a list answers with each
 * entry in turn and then keeps repeating the last one, like a backend whose state moves on.
 */
export function stubBackend(routes: Record<string, Handler | Handler[]>) {
  const calls: RecordedCall[] = [];
  const served = new Map<string, number>();

  const fetchStub = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = (init?.method ?? "GET").toUpperCase();
    const body = typeof init?.body === "string" ? (JSON.parse(init.body) as unknown) : undefined;
    calls.push({ method, url, body });

    const key = `${method} ${url.split("?")[0]}`;
    const route = routes[key];
    if (route === undefined) return reply({ status: 404, body: { statusCode: 404, message: `No stub for ${key}` } });
    const list = Array.isArray(route) ? route : [route];
    const index = served.get(key) ?? 0;
    served.set(key, index + 1);
    const handler = list[Math.min(index, list.length - 1)];
    const outcome = typeof handler === "function" ? handler({ url, body }) : handler;
    if (outcome instanceof Error) throw outcome;
    return reply(outcome);
  });

  vi.stubGlobal("fetch", fetchStub);
  return {
    calls,
    callsTo: (method: string, path: string) => calls.filter((c) => c.method === method && c.url.split("?")[0] === path),
  };
}

// A minimal Response: only what api.ts reads, and settled with microtasks alone so fake timers stay in control.
function reply({ status, body }: { status: number; body: unknown }): Response {
  return {
    ok: status >= 200 && status < 300,
    status,
    text: async () => (body === undefined ? "" : JSON.stringify(body)),
  } as Response;
}

export const ok = (body: unknown) => ({ status: 200, body });
export const created = (body: unknown) => ({ status: 201, body });
export const status = (code: number, body: unknown) => ({ status: code, body });
export const networkDown = () => new TypeError("Failed to fetch");

export function makeJob(overrides: Partial<Omit<ImportJob, "metrics">> & { metrics?: Partial<ImportJob["metrics"]> } = {}): ImportJob {
  const { metrics, ...rest } = overrides;
  return {
    id: "job-1",
    status: "running",
    params: { mode: "import", limit: 100, resumeFromLast: true, startAfterId: null },
    metrics: {
      total_found: null,
      processed: 0,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      withdrawn: 0,
      errors_count: 0,
      elapsed_ms: 1000,
      last_processed_source_id: null,
      ...metrics,
    },
    errors: [],
    created_at: "2025-01-01T10:00:00.000Z",
    started_at: "2025-01-01T10:00:00.000Z",
    finished_at: null,
    error_message: null,
    ...rest,
  };
}

export function makeState(overrides: Partial<ImportState> = {}): ImportState {
  return {
    last_successful_source_id: 1200,
    remaining: 250,
    remaining_estimated: false,
    remaining_counted_at: new Date().toISOString(),
    remaining_counting: false,
    active_job: null,
    last_job: null,
    imported: 1200,
    on_sale: 1150,
    owed: 0,
    last_refresh: null,
    shop: { problems: [], hints: [], checked_at: new Date().toISOString() },
    ...overrides,
  };
}

export const STATE_PATH = "/api/admin/product-import/state";
export const JOBS_PATH = "/api/admin/product-import/jobs";
export const jobPath = (id: string) => `${JOBS_PATH}/${id}`;

/** A product row as GET /api/admin/products lists it: a simple product, in stock, no photos. */
export function makeProduct(overrides: Partial<Product> = {}): Product {
  return {
    sku: "LB-1",
    source_id: 1,
    title: "Linen shirt",
    price: "49.9000",
    final_price: "49.9000",
    size_range: "S–XL",
    color: "Navy",
    stock_qty: 12,
    in_stock: true,
    category: "Shirts",
    image_key: null,
    url_key: null,
    images: [],
    image_url: null,
    product_url: null,
    variants: [],
    updated_at: "2025-01-01T00:00:00Z",
    ...overrides,
  };
}

export const productPage = (items: Product[], currency = "USD", currency_source: "shop" | "setting" = "shop") =>
  ok({ items, total: items.length, page: 1, pageSize: 25, currency, currency_source });
