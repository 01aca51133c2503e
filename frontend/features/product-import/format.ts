const numberFormat = new Intl.NumberFormat("en-US");

export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : numberFormat.format(value);
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || ms < 0) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const totalSeconds = Math.floor(ms / 1000);
  if (totalSeconds < 60) return `${(ms / 1000).toFixed(1)} s`;
  const totalMinutes = Math.floor(totalSeconds / 60);
  const seconds = String(totalSeconds % 60).padStart(2, "0");
  if (totalMinutes < 60) return `${totalMinutes} min ${seconds} s`;
  const minutes = String(totalMinutes % 60).padStart(2, "0");
  return `${Math.floor(totalMinutes / 60)} h ${minutes} min`;
}

/** "just now", "5 min ago", "3 h ago", "2 d ago": how long ago an ISO time was, coarsely. */
export function formatAgo(iso: string, now: number = Date.now()): string {
  const minutes = Math.floor(Math.max(0, now - Date.parse(iso)) / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} d ago`;
}

/** Source IDs are identifiers, not quantities: no digit grouping. */
export function formatId(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : String(value);
}

/** "8 s", "3 min", "2 h": the age of something counted a moment ago, finer than formatAgo. */
function formatAge(iso: string, now: number): string {
  const seconds = Math.floor(Math.max(0, now - Date.parse(iso)) / 1000);
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  return `${Math.floor(seconds / 3600)} h`;
}

export interface RemainingCount {
  remaining: number | null;
  remaining_estimated: boolean;
  remaining_counted_at: string | null;
  remaining_counting: boolean;
}

/**
 * "4,620", or "about 4,620 (counted 40 s ago)" while the backend recounts: never silently stale;
 * "— (counting…)" while a backend that just started has no count yet; "—" while the shop has a
 * problem and nothing can be counted.
 */
export function formatRemaining(state: RemainingCount | null | undefined, now: number = Date.now()): string {
  if (!state) return "—";
  if (state.remaining === null) return state.remaining_counting ? "— (counting…)" : "—";
  if (!state.remaining_estimated) return formatCount(state.remaining);
  return `about ${formatCount(state.remaining)} (${countedAgo(state, now)})`;
}

/** "4,620 products on sale not yet imported." with the same label when it is an estimate. */
export function describeRemaining(state: RemainingCount, now: number = Date.now()): string {
  if (state.remaining === null) return state.remaining_counting ? "Counting the products on sale not yet imported…" : "The products on sale cannot be counted now.";
  const count = formatCount(state.remaining);
  if (!state.remaining_estimated) return `${count} products on sale not yet imported.`;
  return `About ${count} products on sale not yet imported (${countedAgo(state, now)}).`;
}

function countedAgo(state: RemainingCount, now: number): string {
  return state.remaining_counted_at === null ? "counting…" : `counted ${formatAge(state.remaining_counted_at, now)} ago`;
}
