"use client";

import { useId, useState, type FormEvent, type ReactNode } from "react";
import { Loader2 } from "lucide-react";

import { Button } from "@/components/ui/button";
import { DialogClose, DialogFooter } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";

import { ErrorAlert } from "./error-alert";
import { ImportStateSummary } from "./import-state-summary";
import { RefreshHint } from "./refresh-hint";
import { ShopDiagnosis, shopBlocksJobs } from "./shop-diagnosis";
import { JOB_NOUN, type CreateImportJobRequest, type ImportState, type JobMode } from "./types";
import {
  DEFAULT_IMPORT_FORM_VALUES,
  MAX_BATCH_SIZE,
  MIN_BATCH_SIZE,
  hasErrors,
  toCreateImportJobRequest,
  validateImportForm,
  type ImportFormValues,
} from "./validation";

interface ImportFormProps {
  state: ImportState | undefined;
  stateError: Error | null;
  onRetryState: () => void;
  submitting: boolean;
  submitError: Error | null;
  onSubmit: (request: CreateImportJobRequest) => void;
}

export function ImportForm(props: ImportFormProps) {
  const { state, stateError, onRetryState, submitting, submitError, onSubmit } = props;
  const id = useId();
  const [values, setValues] = useState<ImportFormValues>(DEFAULT_IMPORT_FORM_VALUES);
  const [submittedMode, setSubmittedMode] = useState<JobMode>("import");
  const errors = validateImportForm(values);
  const invalid = hasErrors(errors);
  // A problem with the shop (not a hint) fails any job at once: say so here instead.
  const blocked = shopBlocksJobs(state);

  function update(patch: Partial<ImportFormValues>) {
    setValues((current) => ({ ...current, ...patch }));
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (invalid || submitting || blocked) return;
    setSubmittedMode("import");
    onSubmit(toCreateImportJobRequest(values));
  }

  // A refresh takes none of the form's values, so it does not wait for them to be valid.
  function handleRefresh() {
    if (submitting || blocked) return;
    setSubmittedMode("refresh");
    onSubmit({ mode: "refresh" });
  }

  const limitId = `${id}-limit`;
  const startAfterId = `${id}-start-after`;

  return (
    <form onSubmit={handleSubmit} noValidate className="grid gap-5">
      <ShopDiagnosis shop={state?.shop} />
      {stateError ? (
        <ErrorAlert title="Could not load the import status" error={stateError} onRetry={onRetryState} />
      ) : (
        <ImportStateSummary state={state} />
      )}

      <div className="grid gap-2">
        <Label htmlFor={limitId}>Batch size</Label>
        <Input
          id={limitId}
          type="number"
          inputMode="numeric"
          min={MIN_BATCH_SIZE}
          max={MAX_BATCH_SIZE}
          step={1}
          value={values.limit}
          onChange={(event) => update({ limit: event.target.value })}
          aria-invalid={errors.limit ? true : undefined}
          aria-describedby={`${limitId}-hint`}
          disabled={submitting}
          required
        />
        <FieldHint id={`${limitId}-hint`} error={errors.limit}>
          How many products to import in this run ({MIN_BATCH_SIZE}–{MAX_BATCH_SIZE}).
        </FieldHint>
      </div>

      <div className="flex items-start justify-between gap-4 rounded-lg border p-3">
        <div className="grid gap-1.5">
          <Label htmlFor={`${id}-resume`}>Resume from last ID</Label>
          <p className="text-muted-foreground text-sm">
            Continue after the last imported source ID.
          </p>
        </div>
        <Switch
          id={`${id}-resume`}
          checked={values.resumeFromLast}
          onCheckedChange={(checked) => update({ resumeFromLast: checked })}
          disabled={submitting}
        />
      </div>

      <div className="grid gap-2">
        <Label htmlFor={startAfterId}>Start After ID</Label>
        <Input
          id={startAfterId}
          type="number"
          inputMode="numeric"
          min={0}
          step={1}
          placeholder={values.resumeFromLast ? "Uses the last imported ID" : "e.g. 0"}
          value={values.startAfterId}
          onChange={(event) => update({ startAfterId: event.target.value })}
          disabled={values.resumeFromLast || submitting}
          required={!values.resumeFromLast}
          aria-invalid={errors.startAfterId ? true : undefined}
          aria-describedby={`${startAfterId}-hint`}
        />
        <FieldHint id={`${startAfterId}-hint`} error={errors.startAfterId}>
          Import products whose source ID is greater than this. Re-importing an earlier range leaves the last
          imported ID where it is.
        </FieldHint>
      </div>

      <p className="text-muted-foreground text-sm">
        Only products on sale in the store are imported: enabled, visible, assigned to the store’s website and in stock.
      </p>

      <RefreshHint id={`${id}-refresh-hint`} state={state} />

      {submitError && <ErrorAlert title={`Could not start the ${JOB_NOUN[submittedMode].toLowerCase()}`} error={submitError} />}

      <DialogFooter>
        <DialogClose asChild>
          <Button type="button" variant="outline">
            Cancel
          </Button>
        </DialogClose>
        <Button
          type="button"
          variant="secondary"
          disabled={submitting || blocked || state?.imported === 0}
          onClick={handleRefresh}
          aria-describedby={`${id}-refresh-hint`}
        >
          Refresh imported products
        </Button>
        <Button type="submit" disabled={invalid || submitting || blocked}>
          {submitting && <Loader2 className="animate-spin" aria-hidden />}
          {submitting ? "Starting…" : "Start Import"}
        </Button>
      </DialogFooter>
    </form>
  );
}

function FieldHint({ id, error, children }: { id: string; error?: string; children: ReactNode }) {
  if (error) {
    return (
      <p id={id} className="text-destructive text-sm">
        {error}
      </p>
    );
  }
  return (
    <p id={id} className="text-muted-foreground text-sm">
      {children}
    </p>
  );
}
