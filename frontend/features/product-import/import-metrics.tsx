import { formatCount } from "./format";
import type { ImportJobMetrics, JobMode } from "./types";

// A refresh never inserts; what it adds to the picture is the products it took off sale.
const FIRST_COUNT = { import: ["inserted", "Inserted"], refresh: ["withdrawn", "Withdrawn"] } as const;

const COUNTS = [
  ["updated", "Updated"],
  ["unchanged", "Unchanged"],
  ["skipped", "Skipped"],
  ["errors_count", "Errors"],
] as const;

export function ImportMetrics({ metrics, mode }: { metrics: ImportJobMetrics; mode: JobMode }) {
  return (
    <dl className="grid grid-cols-3 gap-2 sm:grid-cols-5">
      {[FIRST_COUNT[mode], ...COUNTS].map(([key, label]) => (
        <div key={key} className="bg-muted/50 grid gap-1 rounded-md border px-3 py-2">
          <dt className="text-muted-foreground text-xs">{label}</dt>
          <dd
            className={
              key === "errors_count" && metrics.errors_count > 0
                ? "text-destructive text-lg font-semibold tabular-nums"
                : "text-lg font-semibold tabular-nums"
            }
          >
            {formatCount(metrics[key])}
          </dd>
        </div>
      ))}
    </dl>
  );
}
