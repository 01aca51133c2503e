import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsDefined, IsIn, IsInt, Max, Min, ValidateIf } from 'class-validator';
import { ImportJobParams, JOB_MODES, JobMode } from '../domain/import-job';

/** Magento's entity_id is an unsigned INT. */
const MAX_SOURCE_ID = 4_294_967_295;

/** Optional means "may be left out": unlike IsOptional, an explicit null is still validated (and refused). */
const IfPresent = () => ValidateIf((_dto: unknown, value: unknown) => value !== undefined);

export class CreateImportJobDto {
  @ApiPropertyOptional({
    description:
      '"import" imports the next batch of products on sale and moves the cursor. "refresh" re-checks every product already imported ' +
      'against the shop: updates what changed, withdraws what is no longer sold (in_stock false, stock 0), brings back what sells again; ' +
      'it ignores limit, resumeFromLast and startAfterId and never moves the cursor.',
    enum: JOB_MODES,
    default: 'import',
    example: 'import',
  })
  @IfPresent()
  @IsIn(JOB_MODES, { message: `mode must be one of: ${JOB_MODES.join(', ')}` })
  mode?: JobMode;

  @ApiPropertyOptional({ description: 'How many products on sale (after the cursor) this job imports.', type: 'integer', minimum: 1, maximum: 1000, default: 100, example: 100 })
  @IfPresent()
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({
    description: 'Continue after the last successfully imported source id (the cursor). The cursor only ever moves forward: a job that re-imports an earlier range leaves it where it is.',
    default: true,
    example: true,
  })
  @IfPresent()
  @IsBoolean()
  resumeFromLast?: boolean;

  @ApiPropertyOptional({
    description:
      'Import products with a Magento entity_id greater than this. Required when resumeFromLast is false; ignored otherwise. Re-importing below the cursor leaves the cursor where it is.',
    type: 'integer',
    nullable: true,
    minimum: 0,
    maximum: MAX_SOURCE_ID,
    example: 0,
  })
  @ValidateIf((dto: CreateImportJobDto) => dto.resumeFromLast === false || (dto.startAfterId !== undefined && dto.startAfterId !== null))
  @IsDefined({ message: 'startAfterId is required when resumeFromLast is false' })
  @IsInt()
  @Min(0)
  @Max(MAX_SOURCE_ID)
  startAfterId?: number | null;

  toParams(): ImportJobParams {
    // A refresh uses none of the import's fields: its job records only what it does.
    if (this.mode === 'refresh') return { mode: 'refresh' };
    const resumeFromLast = this.resumeFromLast ?? true;
    return {
      mode: 'import',
      limit: this.limit ?? 100,
      resumeFromLast,
      startAfterId: resumeFromLast ? null : (this.startAfterId ?? null),
    };
  }
}
