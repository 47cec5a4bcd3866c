import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { NotBlank, trimString } from '@runde/platform';
import { CADENCES, FIELD_KEYS, TRENDS, VISIBILITIES } from '../fields';

const SET =
  /^(landkreise|stadtkreise|districts|associations|regierungsbezirk:(Stuttgart|Karlsruhe|Freiburg|Tübingen))$/;

export class ReportersDto {
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @IsUUID('all', { each: true })
  organisationIds?: string[];
  @ApiPropertyOptional({ type: [String], example: ['districts'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(SET, {
    each: true,
    message: 'each set must be districts, landkreise, stadtkreise, associations or regierungsbezirk:<name>',
  })
  sets?: string[];
}

export class CreateRoundDto {
  @ApiProperty() @Transform(trimString) @IsString() @Length(1, 200) @NotBlank() title: string;
  @ApiProperty({ enum: CADENCES }) @IsIn(CADENCES) cadence: (typeof CADENCES)[number];
  @ApiProperty({ type: ReportersDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => ReportersDto)
  reporters: ReportersDto;
  @ApiPropertyOptional({ type: [String], enum: FIELD_KEYS })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(FIELD_KEYS.length)
  @IsIn(FIELD_KEYS, { each: true })
  fields?: string[];
  @ApiProperty({ example: 30 }) @IsInt() @Min(1) @Max(365) dueDays: number;
  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(60, { each: true })
  remindDaysBefore?: number[];
}

export class EntryDto {
  @ApiProperty({ enum: FIELD_KEYS }) @IsIn(FIELD_KEYS) field: string;
  @ApiProperty() @Transform(trimString) @IsString() @Length(1, 500) targetGroup: string;
  @ApiProperty() @IsInt() @Min(0) @Max(10_000_000) affected: number;
  @ApiProperty({ enum: TRENDS }) @IsIn(TRENDS) trend: (typeof TRENDS)[number];
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt() @Min(1) @Max(5) severity: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10_000) existing?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10_000) missing?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10_000) support?: string;
  @ApiPropertyOptional({ description: 'text and links' })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  evidence?: string;
  @ApiProperty({ enum: VISIBILITIES }) @IsIn(VISIBILITIES) visibility: (typeof VISIBILITIES)[number];
}

export class PutReportDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() nilReturn?: boolean;
  @ApiPropertyOptional({ type: [EntryDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EntryDto)
  entries?: EntryDto[];
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(2_000_000_000) version?: number;
}

export class RollupQueryDto {
  @ApiProperty({ enum: FIELD_KEYS }) @IsIn(FIELD_KEYS) field: string;
  @ApiProperty() @IsUUID() periodId: string;
  @ApiPropertyOptional({ enum: ['district', 'regierungsbezirk', 'land'] })
  @IsOptional()
  @IsIn(['district', 'regierungsbezirk', 'land'])
  level?: 'district' | 'regierungsbezirk' | 'land';
}

export class SignalTopicDto {
  @ApiProperty() @IsUUID() groupId: string;
}

export class SignalUpdateDto {
  @ApiPropertyOptional({ enum: ['open', 'dismissed'] }) @IsOptional() @IsIn(['open', 'dismissed']) status?:
    'open' | 'dismissed';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) note?: string;
}

export class RuleDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() enabled?: boolean;
  @ApiPropertyOptional({ description: 'thresholds, e.g. {"districts": 3} or {"rise": 2} or {"severity": 5}' })
  @IsOptional()
  params?: Record<string, number>;
}
