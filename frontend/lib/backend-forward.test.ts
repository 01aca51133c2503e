// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { forwardToBackend } from "./backend-forward";

describe("forwardToBackend", () => {
  beforeEach(() => {
    vi.stubEnv("BACKEND_URL", "http://backend.test:3001/");
    vi.stubEnv("ADMIN_API_TOKEN", "server-token");
  });
  afterEach(() => vi.unstubAllEnvs());

  it("forwards path, query, body and content type with the server's bearer token, and relays status and body", async () => {
    const upstream = vi.fn(async () => Response.json({ message: "Job already running", jobId: "j1" }, { status: 409 }));
    vi.stubGlobal("fetch", upstream);
    const request = new Request("http://next.test/api/admin/product-import/jobs?dry=1", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Basic YWRtaW46c2VjcmV0", "x-forwarded-for": "198.51.100.1, 203.0.113.9" },
      body: JSON.stringify({ limit: 5 }),
    });

    const response = await forwardToBackend(request, ["product-import", "jobs"]);

    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ message: "Job already running", jobId: "j1" });
    const [url, init] = upstream.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe("http://backend.test:3001/api/admin/product-import/jobs?dry=1");
    expect(init.method).toBe("POST");
    expect(init.body).toBe('{"limit":5}');
    const headers = new Headers(init.headers);
    expect(headers.get("authorization")).toBe("Bearer server-token");
    expect(headers.get("content-type")).toBe("application/json");
    expect(headers.get("x-forwarded-for")).toBe("203.0.113.9");
  });

  it("passes the backend's Retry-After through with its 429", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => Response.json({ statusCode: 429, message: "Too Many Requests" }, { status: 429, headers: { "retry-after": "42" } })));

    const response = await forwardToBackend(new Request("http://next.test/api/admin/product-import/jobs", { method: "POST" }), ["product-import", "jobs"]);

    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("42");
  });

  it("answers 502 Backend unavailable when the backend does not answer", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("fetch failed"))));
    const response = await forwardToBackend(new Request("http://next.test/api/admin/product-import/state"), [
      "product-import",
      "state",
    ]);
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ message: "Backend unavailable" });
  });

  it("never forwards paths that climb out of /api/admin", async () => {
    const upstream = vi.fn();
    vi.stubGlobal("fetch", upstream);
    const response = await forwardToBackend(new Request("http://next.test/api/admin/x"), ["..", "health"]);
    expect(response.status).toBe(404);
    expect(upstream).not.toHaveBeenCalled();
  });
});
