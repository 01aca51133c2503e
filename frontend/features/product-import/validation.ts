import type { CreateImportJobRequest } from "./types";

// Mirrors the backend's CreateImportJobDto rules so the form never sends what the API would reject.
export const MIN_BATCH_SIZE = 1;
export const MAX_BATCH_SIZE = 1000;
export const DEFAULT_BATCH_SIZE = 100;
/** Magento's entity_id is an unsigned INT. */
export const MAX_SOURCE_ID = 4_294_967_295;

export interface ImportFormValues {
  limit: string;
  resumeFromLast: boolean;
  startAfterId: string;
}

export interface ImportFormErrors {
  limit?: string;
  startAfterId?: string;
}

export const DEFAULT_IMPORT_FORM_VALUES: ImportFormValues = {
  limit: String(DEFAULT_BATCH_SIZE),
  resumeFromLast: true,
  startAfterId: "",
};

const INTEGER = /^-?\d+$/;

function parseInteger(raw: string): number | null {
  const text = raw.trim();
  if (!INTEGER.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : null;
}

export function validateImportForm(values: ImportFormValues): ImportFormErrors {
  const errors: ImportFormErrors = {};

  const limit = parseInteger(values.limit);
  if (values.limit.trim() === "") errors.limit = "Batch size is required.";
  else if (limit === null) errors.limit = "Batch size must be a whole number.";
  else if (limit < MIN_BATCH_SIZE || limit > MAX_BATCH_SIZE) {
    errors.limit = `Batch size must be between ${MIN_BATCH_SIZE} and ${MAX_BATCH_SIZE}.`;
  }

  if (!values.resumeFromLast) {
    const startAfterId = parseInteger(values.startAfterId);
    if (values.startAfterId.trim() === "") {
      errors.startAfterId = "Start After ID is required when not resuming from the last ID.";
    } else if (startAfterId === null) errors.startAfterId = "Start After ID must be a whole number.";
    else if (startAfterId < 0) errors.startAfterId = "Start After ID must be 0 or greater.";
    else if (startAfterId > MAX_SOURCE_ID) errors.startAfterId = `Start After ID must be at most ${MAX_SOURCE_ID}.`;
  }

  return errors;
}

export function hasErrors(errors: ImportFormErrors): boolean {
  return Object.values(errors).some(Boolean);
}

/** Only call with values that passed validateImportForm. */
export function toCreateImportJobRequest(values: ImportFormValues): CreateImportJobRequest {
  return {
    mode: "import",
    limit: Number(values.limit.trim()),
    resumeFromLast: values.resumeFromLast,
    startAfterId: values.resumeFromLast ? null : Number(values.startAfterId.trim()),
  };
}
