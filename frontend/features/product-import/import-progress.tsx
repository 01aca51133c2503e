import { Progress } from "@/components/ui/progress";

import { formatCount, formatDuration, formatId } from "./format";
import { ImportMetrics } from "./import-metrics";
import { StatusBadge } from "./status-badge";
import { JOB_NOUN, type ImportJob } from "./types";

export function elapsedMs(job: ImportJob, now: number = Date.now()): number | null {
  if (job.metrics.elapsed_ms !== null) return job.metrics.elapsed_ms;
  if (!job.started_at) return null;
  const end = job.finished_at ? Date.parse(job.finished_at) : now;
  return Math.max(0, end - Date.parse(job.started_at));
}

export function ImportProgress({ job }: { job: ImportJob }) {
  const { processed, total_found: total, last_processed_source_id: lastId } = job.metrics;
  const percent = total ? Math.min(100, Math.round((processed / total) * 100)) : 0;
  const counter = `${formatCount(processed)} / ${formatCount(total)}`;

  return (
    <div className="grid gap-4">
      <div className="flex items-center justify-between gap-2" aria-live="polite">
        <div className="flex items-center gap-2 text-sm">
          <span className="text-muted-foreground">Status</span>
          <StatusBadge status={job.status} />
        </div>
        <span className="text-muted-foreground text-sm">
          Elapsed <span className="text-foreground font-medium tabular-nums">{formatDuration(elapsedMs(job))}</span>
        </span>
      </div>

      <div className="grid gap-2">
        <div className="flex items-baseline justify-between text-sm">
          <span className="text-muted-foreground">Processed</span>
          <span className="font-medium tabular-nums" data-testid="import-processed">
            {counter}
          </span>
        </div>
        <Progress
          value={percent}
          aria-label={`${JOB_NOUN[job.params.mode]} progress`}
          aria-valuenow={total ? percent : undefined}
          aria-valuetext={total === null ? `${formatCount(processed)} processed, total not known yet` : `${counter} processed`}
        />
      </div>

      <ImportMetrics metrics={job.metrics} mode={job.params.mode} />

      <p className="text-muted-foreground text-sm">
        Last processed ID <span className="text-foreground font-medium tabular-nums">{formatId(lastId)}</span>
      </p>
    </div>
  );
}
