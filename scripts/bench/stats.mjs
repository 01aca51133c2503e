// Small helpers for summarising repeated measurements.

export function median(values) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Milliseconds to a tenth, as the report prints them. */
export const tenths = (ms) => Math.round(ms * 10) / 10;

export const megabytes = (bytes) => tenths(bytes / 1024 / 1024);

/** The p-th percentile (0–100) by nearest rank; p = 100 is the maximum. */
export function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
