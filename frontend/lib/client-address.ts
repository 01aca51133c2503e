/**
 * The address of the client a request came from. server.mjs replaces X-Forwarded-For with it before
 * Next sees the request (the socket's peer, or what the proxies FRONTEND_TRUST_PROXY names report),
 * so the header holds one address no client chose; the last entry is read all the same.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").map((entry) => entry.trim()).filter(Boolean).at(-1);
  return last || "unknown";
}
