/**
 * The address of the client a request came from, as far as this server can know it: the last
 * X-Forwarded-For entry, which is what the hop in front of the Next server saw (a reverse proxy
 * appends it; reached directly, Next fills the header with the socket's address itself). A client
 * talking to the Next server directly can send its own X-Forwarded-For, which Next keeps: deploy it
 * behind a reverse proxy that sets the header, as for TLS anyway.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").map((entry) => entry.trim()).filter(Boolean).at(-1);
  return last || "unknown";
}
