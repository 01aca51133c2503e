// Swagger examples of each kind of job, as requested and as polled.

export const JOB_REQUEST_EXAMPLES = {
  import: { summary: 'Import the next 100 products after the cursor', value: { mode: 'import', limit: 100, resumeFromLast: true } },
  refresh: { summary: 'Re-check every imported product against the shop', value: { mode: 'refresh' } },
};

const common = {
  errors: [],
  created_at: '2026-11-30T02:00:00.000Z',
  started_at: '2026-11-30T02:00:00.020Z',
  finished_at: '2026-11-30T02:00:00.310Z',
  error_message: null,
};

export const JOB_VIEW_EXAMPLES = {
  import: {
    summary: 'A finished import',
    value: {
      id: '3b241101-e2bb-4255-8caf-4136c566a962',
      status: 'completed',
      params: { mode: 'import', limit: 100, resumeFromLast: true, startAfterId: null },
      metrics: { total_found: 100, processed: 100, inserted: 95, updated: 3, unchanged: 1, skipped: 1, withdrawn: 0, errors_count: 0, elapsed_ms: 290, last_processed_source_id: 2411 },
      ...common,
    },
  },
  refresh: {
    summary: 'A finished refresh',
    value: {
      id: '9f6c2a70-4c0e-4a0b-9d57-2f1f3b8e4d21',
      status: 'completed',
      params: { mode: 'refresh' },
      metrics: { total_found: 5012, processed: 5012, inserted: 0, updated: 40, unchanged: 4959, skipped: 0, withdrawn: 12, errors_count: 1, elapsed_ms: 1480, last_processed_source_id: 47990 },
      ...common,
      errors: [{ source_id: 1204, sku: 'MH01', message: 'The shop renamed SKU "MH01" to "MH01-2", which another Lookbook product holds; left as it was' }],
    },
  },
};
