import { queryOptions, useMutation, useQuery } from "@tanstack/react-query";

import { ApiError, getImportJob, getImportState, startImportJob } from "./api";
import { isTerminalStatus, type CreateImportJobRequest } from "./types";

const POLL_INTERVAL_MS = 1000;
/** While "remaining" is an estimate the backend is recounting, or not counted yet: ask again until it is exact. */
const ESTIMATE_REFRESH_MS = 2000;

/** Asks again while the backend has no exact count: an estimate, or none yet (being counted). */
const untilCounted = (query: { state: { data?: { remaining_estimated: boolean; remaining_counting: boolean } } }) =>
  query.state.data?.remaining_estimated || query.state.data?.remaining_counting ? ESTIMATE_REFRESH_MS : false;

/** Consecutive failed polls before the dialog stops and offers Retry. */
const MAX_FAILED_POLLS = 3;

export const importKeys = {
  all: ["product-import"] as const,
  state: () => [...importKeys.all, "state"] as const,
  job: (jobId: string) => [...importKeys.all, "job", jobId] as const,
};

function isTransient(error: unknown): boolean {
  return !(error instanceof ApiError) || error.isTransient;
}

export function importStateQueryOptions() {
  return queryOptions({
    queryKey: importKeys.state(),
    queryFn: getImportState,
    // The dialog shows the failure with a Retry button instead of spinning through backoff.
    retry: false,
    refetchInterval: untilCounted,
  });
}

/** The state as it is once a job has ended: its own entry, read when that job is terminal. */
export function importStateAfterJobQueryOptions(jobId: string) {
  return queryOptions({
    queryKey: [...importKeys.state(), "after", jobId],
    queryFn: getImportState,
    retry: false,
    refetchInterval: untilCounted,
  });
}

export function importJobQueryOptions(jobId: string) {
  return queryOptions({
    queryKey: importKeys.job(jobId),
    queryFn: () => getImportJob(jobId),
    // A failed poll is retried on the poll cadence; after MAX_FAILED_POLLS in a row the query
    // settles in error, refetchInterval below stops, and the UI offers Retry.
    retry: (failureCount, error) => isTransient(error) && failureCount < MAX_FAILED_POLLS - 1,
    retryDelay: POLL_INTERVAL_MS,
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      if (status && isTerminalStatus(status)) return false;
      if (query.state.status === "error") return false;
      return POLL_INTERVAL_MS;
    },
  });
}

export function useImportState() {
  // Always re-read on open: a job may have started or finished in another tab meanwhile.
  return useQuery({ ...importStateQueryOptions(), refetchOnMount: "always" });
}

export function useImportJob(jobId: string) {
  return useQuery(importJobQueryOptions(jobId));
}

export function useStartImport() {
  return useMutation({ mutationFn: (request: CreateImportJobRequest) => startImportJob(request) });
}
