import { formatId, formatRemaining } from "./format";
import type { ImportState } from "./types";

export function ImportStateSummary({ state }: { state: ImportState | undefined }) {
  return (
    <dl className="bg-muted/50 grid grid-cols-2 gap-4 rounded-lg border p-3 text-sm">
      <div className="grid gap-1">
        <dt className="text-muted-foreground">Last imported source ID</dt>
        <dd className="font-medium tabular-nums">{/* Shop ids start at 1: a cursor of 0 means nothing was imported yet. */}
          {formatId(state?.last_successful_source_id || null)}</dd>
      </div>
      <div className="grid gap-1">
        <dt className="text-muted-foreground">On sale, not yet imported</dt>
        <dd className="font-medium tabular-nums">{formatRemaining(state)}</dd>
      </div>
    </dl>
  );
}
