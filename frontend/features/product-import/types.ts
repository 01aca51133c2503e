// The single place that names the generated OpenAPI schemas; the rest of the app imports from here,
// so regenerating api-types.ts (npm run api:generate) is a drop-in change.
import type { components } from "./api-types";

type Schemas = components["schemas"];

export type ImportJob = Schemas["ImportJobView"];
export type ImportJobStatus = ImportJob["status"];
// Nested shapes are read through ImportJobView so they survive a rename of their own schemas.
export type ImportJobMetrics = ImportJob["metrics"];
export type ImportState = Schemas["ImportStateView"];
export type CreateImportJobRequest = Schemas["CreateImportJobDto"];
export type CreateImportJobResponse = Schemas["CreateImportJobResponse"];
export type JobConflictResponse = Schemas["JobConflictResponse"];
export type Product = Schemas["ProductView"];
export type ProductPage = Schemas["ProductPage"];

export type JobMode = ImportJob["params"]["mode"];

/** How the dialog names a job of each kind, e.g. "Refresh completed." */
export const JOB_NOUN: Record<JobMode, string> = { import: "Import", refresh: "Refresh" };

const TERMINAL_STATUSES: readonly ImportJobStatus[] = ["completed", "failed"];

export function isTerminalStatus(status: ImportJobStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}
