import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { StrictInteger } from '../http/strict-integer';

export class ListProductsQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100_000, default: 1, example: 1 })
  @IsOptional()
  @StrictInteger()
  @IsInt()
  @Min(1)
  @Max(100_000)
  page?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 25, example: 25 })
  @IsOptional()
  @StrictInteger()
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;

  @ApiPropertyOptional({ description: 'Matches SKU or title (substring).', maxLength: 100, example: 'hoodie' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}
