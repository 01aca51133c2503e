import { formatAgo, formatCount } from "./format";
import type { ImportState } from "./types";

/** What "Refresh imported products" does, and how the last refresh went. */
export function RefreshHint({ id, state }: { id: string; state: ImportState | undefined }) {
  return (
    <p id={id} className="text-muted-foreground text-sm">
      Re-checks imported products against Magento; withdraws what it no longer sells. {lastRefreshText(state)}
    </p>
  );
}

export function lastRefreshText(state: ImportState | undefined, now: number = Date.now()): string {
  if (!state) return "";
  const last = state.last_refresh;
  if (!last?.finished_at) return "Not refreshed yet.";
  const ago = formatAgo(last.finished_at, now);
  if (last.status === "failed") return `Last refresh failed ${ago}.`;
  return `Last refreshed ${ago}: ${formatCount(last.metrics.withdrawn)} withdrawn, ${formatCount(last.metrics.updated)} updated.`;
}
