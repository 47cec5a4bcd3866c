import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { FIELD_KEYS } from '../fields';

/** `true`/`false` in a query string (anything else stays as it came and is refused). */
const flag = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class RollupExportQueryDto {
  @ApiProperty() @IsUUID() periodId: string;
  @ApiPropertyOptional({ enum: FIELD_KEYS, description: 'without it: each of the round’s fields' })
  @IsOptional()
  @IsIn(FIELD_KEYS)
  field?: string;
  @ApiPropertyOptional({ enum: ['district', 'regierungsbezirk', 'land'] })
  @IsOptional()
  @IsIn(['district', 'regierungsbezirk', 'land'])
  level?: 'district' | 'regierungsbezirk' | 'land';
}

export class ImportQueryDto {
  @ApiPropertyOptional({ description: 'import the good rows and answer the others as errors' })
  @IsOptional()
  @Transform(flag)
  @IsBoolean()
  partial?: boolean;
  @ApiPropertyOptional({ description: 'release each imported report at once (its admins and deputies)' })
  @IsOptional()
  @Transform(flag)
  @IsBoolean()
  release?: boolean;
}
