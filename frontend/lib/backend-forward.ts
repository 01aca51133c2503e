import { clientAddress } from "./client-address";

const DEFAULT_BACKEND_URL = "http://127.0.0.1:3001";
// A job start or a state read answers in well under a second; past this the backend is treated as down.
const UPSTREAM_TIMEOUT_MS = 15_000;

const FORWARDED_METHODS = new Set(["GET", "POST"]);

/**
 * Forwards a browser request for `/api/admin/<path>` to the backend, adding the server-side
 * API token, and hands back the backend's status and body. The token never leaves the server.
 */
export async function forwardToBackend(request: Request, path: string[]): Promise<Response> {
  if (!FORWARDED_METHODS.has(request.method)) {
    return Response.json({ message: "Method not allowed" }, { status: 405 });
  }
  // Decoded params could otherwise climb out of /api/admin on the backend.
  if (path.length === 0 || path.some((segment) => segment === "" || segment === "." || segment === "..")) {
    return Response.json({ message: "Not found" }, { status: 404 });
  }

  const base = (process.env.BACKEND_URL || DEFAULT_BACKEND_URL).replace(/\/+$/, "");
  const { search } = new URL(request.url);
  const target = `${base}/api/admin/${path.map(encodeURIComponent).join("/")}${search}`;

  const headers = new Headers({ accept: "application/json" });
  const contentType = request.headers.get("content-type");
  if (contentType) headers.set("content-type", contentType);
  const token = process.env.ADMIN_API_TOKEN;
  if (token) headers.set("authorization", `Bearer ${token}`);
  // The backend keys its limits on the browser's address, not this server's (see TRUST_PROXY).
  headers.set("x-forwarded-for", clientAddress(request.headers));

  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method: request.method,
      headers,
      body: request.method === "POST" ? await request.text() : undefined,
      cache: "no-store",
      redirect: "manual",
      signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS),
    });
  } catch {
    return Response.json({ message: "Backend unavailable" }, { status: 502 });
  }

  const responseHeaders = new Headers({ "cache-control": "private, no-store" });
  for (const name of ["content-type", "retry-after"]) {
    const value = upstream.headers.get(name);
    if (value) responseHeaders.set(name, value);
  }
  const hasBody = upstream.status !== 204 && upstream.status !== 304;
  let body: string | null = null;
  try {
    body = hasBody ? await upstream.text() : null;
  } catch {
    return Response.json({ message: "Backend unavailable" }, { status: 502 });
  }
  return new Response(body, { status: upstream.status, headers: responseHeaders });
}
