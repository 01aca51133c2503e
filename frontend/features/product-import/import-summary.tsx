import { CheckCircle2 } from "lucide-react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";

import { describeRemaining, formatCount, formatDuration, formatId, type RemainingCount } from "./format";
import { ImportMetrics } from "./import-metrics";
import { elapsedMs } from "./import-progress";
import { StatusBadge } from "./status-badge";
import { JOB_NOUN, type ImportJob } from "./types";

const MAX_ERRORS_SHOWN = 10;

interface ImportSummaryProps {
  job: ImportJob;
  /** Products on sale not yet imported, once the refreshed state is known. */
  remaining: RemainingCount | null;
}

export function ImportSummary({ job, remaining }: ImportSummaryProps) {
  const { metrics } = job;
  const noun = JOB_NOUN[job.params.mode];
  const shownErrors = job.errors.slice(0, MAX_ERRORS_SHOWN);

  return (
    <div className="grid gap-4">
      {job.status === "failed" ? (
        <Alert variant="destructive">
          <AlertTitle>{noun} failed</AlertTitle>
          <AlertDescription>
            <p>{job.error_message || `The ${noun.toLowerCase()} stopped without reporting a reason.`}</p>
          </AlertDescription>
        </Alert>
      ) : (
        <div className="flex items-center gap-2 text-sm">
          <CheckCircle2 className="size-5 text-emerald-600" aria-hidden />
          <p>
            <span className="font-medium">{noun} completed.</span> Processed {formatCount(metrics.processed)} of{" "}
            {formatCount(metrics.total_found)} products in {formatDuration(elapsedMs(job))}.
          </p>
        </div>
      )}

      <div className="flex items-center justify-between gap-2 text-sm">
        <div className="flex items-center gap-2">
          <span className="text-muted-foreground">Status</span>
          <StatusBadge status={job.status} />
        </div>
        <span className="text-muted-foreground">
          Last processed ID <span className="text-foreground font-medium tabular-nums">{formatId(metrics.last_processed_source_id)}</span>
        </span>
      </div>

      <ImportMetrics metrics={metrics} mode={job.params.mode} />

      {shownErrors.length > 0 && (
        <section aria-labelledby={`${job.id}-errors`} className="grid gap-2">
          <h3 id={`${job.id}-errors`} className="text-sm font-medium">
            {metrics.errors_count > shownErrors.length
              ? `First ${shownErrors.length} of ${formatCount(metrics.errors_count)} errors`
              : `Errors (${shownErrors.length})`}
          </h3>
          <ul className="max-h-40 divide-y overflow-y-auto rounded-md border text-sm">
            {shownErrors.map((error) => (
              <li key={`${error.source_id}-${error.sku}`} className="grid gap-0.5 px-3 py-2">
                <span className="font-mono text-xs font-medium">{error.sku}</span>
                <span className="text-muted-foreground">{error.message}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      {remaining !== null && (
        <p className="text-muted-foreground text-sm">
          {remaining.remaining === null || remaining.remaining > 0
            ? describeRemaining(remaining)
            : "All products on sale have been imported."}
        </p>
      )}
    </div>
  );
}
