import { ApiProperty } from '@nestjs/swagger';
import { ImportJob, ImportJobStatus, JOB_MODES, JobMode, MAX_LISTED_ERRORS } from '../domain/import-job';

export class ImportJobParamsView {
  @ApiProperty({ enum: JOB_MODES, description: 'The kind of job; a refresh has no other parameter.', example: 'import' }) mode: JobMode;
  @ApiProperty({ required: false, description: 'Imports only.', example: 100 }) limit?: number;
  @ApiProperty({ required: false, description: 'Imports only.', example: true }) resumeFromLast?: boolean;
  @ApiProperty({ type: 'integer', nullable: true, required: false, description: 'Imports only.', example: null }) startAfterId?: number | null;
}

export class ImportJobMetricsView {
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Products the job will process (an import: products on sale after the cursor; a refresh: Lookbook products to re-check); null until counted.',
    example: 100,
  })
  total_found: number | null;
  @ApiProperty({ example: 40 }) processed: number;
  @ApiProperty({ description: 'New rows (always 0 for a refresh).', example: 30 }) inserted: number;
  @ApiProperty({ description: 'Rows rewritten because a field changed in the shop; for a refresh, also products back on sale.', example: 5 }) updated: number;
  @ApiProperty({ example: 4 }) unchanged: number;
  @ApiProperty({ description: 'Products on sale the mapping could not use (e.g. an empty SKU); a refresh leaves their rows alone.', example: 1 }) skipped: number;
  @ApiProperty({ description: 'Rows a refresh marked no longer on sale (in_stock false, stock 0); always 0 for an import.', example: 0 }) withdrawn: number;
  @ApiProperty({ description: 'Rows the Lookbook database refused, and rows a refresh left alone because their new SKU is taken.', example: 0 }) errors_count: number;
  @ApiProperty({ type: 'integer', nullable: true, example: 180 }) elapsed_ms: number | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 2411 }) last_processed_source_id: number | null;
}

export class ImportJobErrorView {
  @ApiProperty({ example: 2412 }) source_id: number;
  @ApiProperty({ example: 'MH01-XS-Black' }) sku: string;
  @ApiProperty({
    example: 'SKU "MH01-XS-Black": value out of range for price, as Magento holds it: 123456789012345.5',
    description: 'Why the Lookbook refused the product: its SKU, the field and the value Magento holds there.',
  })
  message: string;
}

export class ImportJobView {
  @ApiProperty({ format: 'uuid', example: '3b241101-e2bb-4255-8caf-4136c566a962' }) id: string;
  @ApiProperty({ enum: ['queued', 'running', 'completed', 'failed'], example: 'running' }) status: ImportJobStatus;
  @ApiProperty({ type: ImportJobParamsView }) params: ImportJobParamsView;
  @ApiProperty({ type: ImportJobMetricsView }) metrics: ImportJobMetricsView;
  @ApiProperty({ type: [ImportJobErrorView], description: `The first ${MAX_LISTED_ERRORS} rows the database refused.` }) errors: ImportJobErrorView[];
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) started_at: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) finished_at: string | null;
  @ApiProperty({ type: 'string', nullable: true, example: null }) error_message: string | null;

  static from(job: ImportJob): ImportJobView {
    const iso = (date: Date | null) => (date ? new Date(date).toISOString() : null);
    return {
      id: job.id,
      status: job.status,
      params: job.params,
      metrics: job.metrics,
      errors: job.errors,
      created_at: iso(job.created_at)!,
      started_at: iso(job.started_at),
      finished_at: iso(job.finished_at),
      error_message: job.error_message,
    };
  }
}

export class CreateImportJobResponse {
  @ApiProperty({ format: 'uuid', example: '3b241101-e2bb-4255-8caf-4136c566a962' }) jobId: string;
}

export class JobConflictResponse {
  @ApiProperty({ example: 'Job already running' }) message: string;
  @ApiProperty({ format: 'uuid', description: 'The job that is queued or running.' }) jobId: string;
}

export class ShopDiagnosisView {
  @ApiProperty({
    type: [String],
    description: 'What keeps imports from running, each a sentence with its fix (no host or password). Empty when the shop can be imported from.',
    example: ['MAGENTO_STORE_ID 7 is not a store view of this shop; its store views are 1 "default": set MAGENTO_STORE_ID to one of them.'],
  })
  problems: string[];
  @ApiProperty({
    type: [String],
    description: 'Advice that does not stop imports.',
    example: ['The user in MYSQL_SHOP_URL can write to the shop database (INSERT, UPDATE); the importer only reads: grant SELECT only.'],
  })
  hints: string[];
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'When the shop was last checked; null while the first check has not ended.' })
  checked_at: string | null;
}

export class ImportStateView {
  @ApiProperty({ description: 'The resume cursor: the last Magento entity_id committed.', example: 2411 }) last_successful_source_id: number;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Products on sale not yet imported: those after the cursor. Exact, or an estimate (see remaining_estimated); null while the shop has a problem (see shop) or while remaining_counting.',
    example: 4620,
  })
  remaining: number | null;
  @ApiProperty({
    description:
      'False: remaining was counted for this cursor within the last 30 s. True: it is the last count (taken at remaining_counted_at) ' +
      'less what was imported since; a fresh count is under way and a later request gets it.',
    example: false,
  })
  remaining_estimated: boolean;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'When the count behind remaining was taken; null when remaining is.' })
  remaining_counted_at: string | null;
  @ApiProperty({
    description: 'True while nothing was counted yet (right after the backend starts) and the first count is under way: remaining is null; ask again shortly.',
    example: false,
  })
  remaining_counting: boolean;
  @ApiProperty({ type: ImportJobView, nullable: true, description: 'The queued or running job, to re-attach to.' }) active_job: ImportJobView | null;
  @ApiProperty({ type: ImportJobView, nullable: true, description: 'The most recently finished job.' }) last_job: ImportJobView | null;
  @ApiProperty({ description: 'Lookbook products that came from the shop.', example: 5012 }) imported: number;
  @ApiProperty({ description: 'Of those, the ones on sale (in stock).', example: 4950 }) on_sale: number;
  @ApiProperty({
    description: 'Products on sale the Lookbook refused to store (listed in the job that met them): every later import and refresh retries them until one writes them or the shop stops selling them.',
    example: 0,
  })
  owed: number;
  @ApiProperty({ type: ImportJobView, nullable: true, description: 'The most recently finished refresh job.' }) last_refresh: ImportJobView | null;
  @ApiProperty({ type: ShopDiagnosisView, description: "The shop's diagnosis, the same as `npm run shop:check`'s." }) shop: ShopDiagnosisView;
}
