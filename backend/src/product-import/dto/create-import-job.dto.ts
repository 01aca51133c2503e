import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsDefined, IsInt, Max, Min, ValidateIf } from 'class-validator';
import { ImportJobParams } from '../domain/import-job';

/** Magento's entity_id is an unsigned INT. */
const MAX_SOURCE_ID = 4_294_967_295;

/** Optional means "may be left out": unlike IsOptional, an explicit null is still validated (and refused). */
const IfPresent = () => ValidateIf((_dto: unknown, value: unknown) => value !== undefined);

export class CreateImportJobDto {
  @ApiPropertyOptional({ description: 'How many products on sale (after the cursor) this job imports.', minimum: 1, maximum: 1000, default: 100, example: 100 })
  @IfPresent()
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ description: 'Continue after the last successfully imported source id.', default: true, example: true })
  @IfPresent()
  @IsBoolean()
  resumeFromLast?: boolean;

  @ApiPropertyOptional({
    description: 'Import products with a Magento entity_id greater than this. Required when resumeFromLast is false; ignored otherwise.',
    type: 'integer',
    nullable: true,
    minimum: 0,
    example: 0,
  })
  @ValidateIf((dto: CreateImportJobDto) => dto.resumeFromLast === false || (dto.startAfterId !== undefined && dto.startAfterId !== null))
  @IsDefined({ message: 'startAfterId is required when resumeFromLast is false' })
  @IsInt()
  @Min(0)
  @Max(MAX_SOURCE_ID)
  startAfterId?: number | null;

  toParams(): ImportJobParams {
    const resumeFromLast = this.resumeFromLast ?? true;
    return {
      limit: this.limit ?? 100,
      resumeFromLast,
      startAfterId: resumeFromLast ? null : (this.startAfterId ?? null),
    };
  }
}
