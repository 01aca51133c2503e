// The one module that talks to the backend (through the Next app's /api/admin forwarder).
import type {
  CreateImportJobRequest,
  CreateImportJobResponse,
  ImportJob,
  ImportState,
  JobConflictResponse,
  ProductPage,
} from "./types";

const API_BASE = "/api/admin";

/**
 * A failed request. `status` is the HTTP status, or 0 when no answer came: then `reason` tells a
 * network failure (the server could not be reached) from a request the browser would not send.
 */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly details: readonly string[] = [],
    readonly reason: "network" | "not-sent" | "http" = status === 0 ? "network" : "http",
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** Network failures and 5xx may clear up on their own; 4xx and refused requests will not. */
  get isTransient(): boolean {
    return this.reason === "network" || this.status >= 500;
  }
}

export interface StartImportResult {
  jobId: string;
  /** True when the backend answered 409: the id is that of the job already running. */
  alreadyRunning: boolean;
}

export interface ProductListParams {
  page: number;
  pageSize: number;
  q: string;
}

export function getImportState(): Promise<ImportState> {
  return requestJson<ImportState>("/product-import/state");
}

export function getImportJob(jobId: string): Promise<ImportJob> {
  return requestJson<ImportJob>(`/product-import/jobs/${encodeURIComponent(jobId)}`);
}

export async function startImportJob(body: CreateImportJobRequest): Promise<StartImportResult> {
  const response = await send("/product-import/jobs", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const payload = await readBody(response);
  if (response.status === 409 && isJobConflict(payload)) {
    return { jobId: payload.jobId, alreadyRunning: true };
  }
  if (!response.ok) throw toApiError(response.status, payload);
  return { jobId: (payload as CreateImportJobResponse).jobId, alreadyRunning: false };
}

export function listProducts({ page, pageSize, q }: ProductListParams): Promise<ProductPage> {
  const search = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
  if (q.trim()) search.set("q", q.trim());
  return requestJson<ProductPage>(`/products?${search}`);
}

async function requestJson<T>(path: string): Promise<T> {
  const response = await send(path, { method: "GET" });
  const payload = await readBody(response);
  if (!response.ok) throw toApiError(response.status, payload);
  // E.g. a proxy's HTML page: say so, rather than fail later on a missing field.
  if (typeof payload !== "object" || payload === null) {
    throw new ApiError(`The server's answer was not the expected JSON (HTTP ${response.status}).`, response.status);
  }
  return payload as T;
}

async function send(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(`${API_BASE}${path}`, {
      ...init,
      headers: { accept: "application/json", ...init.headers },
      cache: "no-store",
    });
  } catch (error) {
    throw failureToSend(error);
  }
}

/**
 * What fetch's browsers reject with when no connection could be made (Chromium, Firefox, Safari,
 * Node). Anything else, e.g. "Request cannot be constructed from a URL that includes credentials"
 * for a page opened as http://user:pass@host/, never left the browser: say what it was.
 */
const NETWORK_FAILURES = /^(Failed to fetch|NetworkError when attempting to fetch resource\.?|Load failed|fetch failed|Network request failed)$/;

function failureToSend(error: unknown): ApiError {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof TypeError && NETWORK_FAILURES.test(message)) {
    return new ApiError("Could not reach the server. Check your connection and try again.", 0);
  }
  // The one refusal a user can fix by themselves: the page's own address.
  const hint = /includes credentials/i.test(message) ? " Open the page without a user name and password in its address." : "";
  const sentence = message.endsWith(".") ? message : `${message}.`;
  return new ApiError(`The browser did not send the request: ${sentence}${hint}`, 0, [], "not-sent");
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => "");
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function isJobConflict(payload: unknown): payload is JobConflictResponse {
  return typeof payload === "object" && payload !== null && typeof (payload as JobConflictResponse).jobId === "string";
}

function messagesOf(payload: unknown): string[] {
  if (typeof payload !== "object" || payload === null) return [];
  const message = (payload as { message?: unknown }).message;
  if (Array.isArray(message)) return message.filter((m): m is string => typeof m === "string");
  return typeof message === "string" && message ? [message] : [];
}

/** What a proxy or load balancer says by itself: no more than the status. */
const GENERIC_REASONS = new Set(["Service Unavailable", "Gateway Timeout", "Backend unavailable"]);

function toApiError(status: number, payload: unknown): ApiError {
  const details = messagesOf(payload);
  if (status === 400) {
    return new ApiError(details.length ? details.join("; ") : "The request was rejected as invalid.", status, details);
  }
  if (status === 401 || status === 403) {
    return new ApiError("You are not signed in to the admin area any more. Reload the page to sign in again.", status, details);
  }
  // 502 is the Next server's: the backend did not answer. A 503 the backend sent names what is
  // unavailable (e.g. "Lookbook database unavailable: connection refused"): say that, not "backend".
  const named = details[0] && !GENERIC_REASONS.has(details[0]) ? details[0] : null;
  if ((status === 503 || status === 504) && named) {
    return new ApiError(`${named.replace(/\.$/, "")}. Try again in a moment.`, status, details);
  }
  if (status === 502 || status === 503 || status === 504) {
    return new ApiError("The backend service is unavailable. Try again in a moment.", status, details);
  }
  if (status >= 500) {
    return new ApiError(`The server failed to handle the request (HTTP ${status}).`, status, details);
  }
  return new ApiError(details[0] ?? `The request failed (HTTP ${status}).`, status, details);
}
