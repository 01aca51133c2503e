"use client";

import { useEffect } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Loader2 } from "lucide-react";

import { Button } from "@/components/ui/button";
import { DialogClose, DialogFooter } from "@/components/ui/dialog";
import { productKeys } from "@/features/products/queries";

import { ErrorAlert } from "./error-alert";
import { ImportProgress } from "./import-progress";
import { ImportSummary } from "./import-summary";
import { LoadingBlock } from "./loading-block";
import { importStateAfterJobQueryOptions, useImportJob } from "./queries";
import { JOB_NOUN, isTerminalStatus } from "./types";
import { DEFAULT_BATCH_SIZE } from "./validation";

interface ImportJobPanelProps {
  jobId: string;
  notice: string | null;
  startPending: boolean;
  startError: Error | null;
  onStartNext: (limit: number) => void;
}

export function ImportJobPanel(props: ImportJobPanelProps) {
  const { jobId, notice, startPending, startError, onStartNext } = props;
  const jobQuery = useImportJob(jobId);
  const job = jobQuery.data;
  const terminal = job !== undefined && isTerminalStatus(job.status);
  // The cursor and the remaining count move when a job ends; read them then, for "Import next batch".
  const stateAfterJob = useQuery({ ...importStateAfterJobQueryOptions(jobId), enabled: terminal });
  const isImport = job?.params.mode !== "refresh";
  const remaining = isImport && stateAfterJob.data ? stateAfterJob.data : null;
  const noun = JOB_NOUN[job?.params.mode ?? "import"].toLowerCase();
  // The products table behind the dialog shows what the job wrote as soon as it has ended.
  const queryClient = useQueryClient();
  useEffect(() => {
    if (terminal) void queryClient.invalidateQueries({ queryKey: productKeys.all });
  }, [terminal, queryClient]);
  const retryingPoll = !jobQuery.isError && jobQuery.failureCount > 0 && jobQuery.isFetching;

  return (
    <div className="grid gap-5">
      {notice && (
        <p role="status" className="bg-muted text-muted-foreground rounded-md px-3 py-2 text-sm">
          {notice}
        </p>
      )}

      {job === undefined ? (
        !jobQuery.isError && <LoadingBlock label="Loading job…" />
      ) : terminal ? (
        <ImportSummary job={job} remaining={remaining} />
      ) : (
        <ImportProgress job={job} />
      )}

      {jobQuery.isError && (
        <ErrorAlert
          title={`Lost contact with the ${noun} job`}
          error={jobQuery.error}
          onRetry={() => void jobQuery.refetch()}
          retrying={jobQuery.isFetching}
        />
      )}
      {retryingPoll && (
        <p role="status" className="text-muted-foreground flex items-center gap-2 text-sm">
          <Loader2 className="size-3.5 animate-spin" aria-hidden />
          Connection problem — retrying…
        </p>
      )}
      {startError && <ErrorAlert title="Could not start the next batch" error={startError} />}

      <DialogFooter className="sm:items-center">
        {!terminal && (
          <p className="text-muted-foreground text-sm sm:mr-auto">The {noun} keeps running if you close this window.</p>
        )}
        {job && terminal && remaining !== null && (remaining.remaining ?? 0) > 0 && (
          <Button type="button" variant="outline" disabled={startPending} onClick={() => onStartNext(job.params.limit ?? DEFAULT_BATCH_SIZE)}>
            {startPending && <Loader2 className="animate-spin" aria-hidden />}
            Import next batch
          </Button>
        )}
        <DialogClose asChild>
          <Button type="button">Close</Button>
        </DialogClose>
      </DialogFooter>
    </div>
  );
}
