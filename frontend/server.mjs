// The Next server (`npm start -w frontend`, the demo, the tests), in place of `next start` for one
// reason: Next hands proxy.ts and the route handlers the request's headers only, and keeps an
// X-Forwarded-For the client wrote itself. Here, where the socket is known, the header is replaced by
// the client's address as Express reads it (proxy-addr): the socket's peer, or, when that peer is a
// proxy FRONTEND_TRUST_PROXY names, the last address the trusted hops report. So neither the login
// limit nor the backend's limits can be dodged or aimed at someone else with a forged header.
import { createServer } from "node:http";
import proxyaddr from "proxy-addr";

const trust = trustedProxies(process.env.FRONTEND_TRUST_PROXY);
const hostname = process.env.HOST || "127.0.0.1";
const rawPort = process.env.FRONTEND_PORT || "3000";
const port = /^[0-9]+$/.test(rawPort) ? Number(rawPort) : NaN;
if (!(port >= 1 && port <= 65535)) configurationError("FRONTEND_PORT must be an integer from 1 to 65535");

// Before Next is loaded, as `next start` does.
process.env.NODE_ENV = "production";
const { default: next } = await import("next");
const app = next({ dev: false, dir: import.meta.dirname, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((request, response) => {
  request.headers["x-forwarded-for"] = proxyaddr(request, trust);
  void handle(request, response);
});
server.on("error", (error) => configurationError(`cannot listen on ${hostname}:${port} (${error.code ?? error.message})`));
server.listen(port, hostname, () => console.log(`Next server listening on http://${hostname}:${port}`));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));

/** Addresses, ranges or loopback / linklocal / uniquelocal, comma separated, as the backend's TRUST_PROXY; empty: none. */
function trustedProxies(raw = "") {
  const entries = raw.split(",").map((entry) => entry.trim()).filter(Boolean);
  if (entries.length === 0) return () => false;
  try {
    return proxyaddr.compile(entries);
  } catch (error) {
    configurationError(`FRONTEND_TRUST_PROXY must be addresses or ranges (e.g. 127.0.0.1, 10.0.0.0/8) or loopback, linklocal, uniquelocal (${error.message})`);
  }
}

function configurationError(message) {
  console.error(`Configuration error: ${message}`);
  process.exit(1);
}
