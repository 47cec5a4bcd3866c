import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
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

export const QUESTION_TYPES = ['text', 'yesno', 'number', 'choice'] as const;
export const POSITIONS = ['agree', 'change', 'reject', 'note'] as const;
export const ASSESSMENTS = ['adopted', 'partly', 'rejected', 'noted'] as const;
export const SYNOPSIS_FORMATS = ['json', 'csv', 'docx', 'odt', 'pdf'] as const;
/** Addressee sets: all Landkreise, all Stadtkreise, the associations, a Regierungsbezirk's districts. */
export const ADDRESSEE_SET =
  /^(landkreise|stadtkreise|associations|regierungsbezirk:(Stuttgart|Karlsruhe|Freiburg|Tübingen))$/;

export class QuestionDto {
  @ApiPropertyOptional({ description: 'stable id (generated when missing)' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/)
  id?: string;
  @ApiProperty() @Transform(trimString) @IsString() @Length(1, 2000) text: string;
  @ApiProperty({ enum: QUESTION_TYPES }) @IsIn(QUESTION_TYPES) type: (typeof QUESTION_TYPES)[number];
  @ApiPropertyOptional({ type: [String], description: 'for type choice: 2–20 options' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  options?: string[];
}

export class AddresseesDto {
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2000)
  @IsUUID('all', { each: true })
  organisationIds?: string[];
  @ApiPropertyOptional({
    type: [String],
    example: ['landkreise', 'regierungsbezirk:Tübingen', 'associations'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Matches(ADDRESSEE_SET, {
    each: true,
    message: 'each set must be landkreise, stadtkreise, associations or regierungsbezirk:<name>',
  })
  sets?: string[];
}

export class CreateConsultationDto {
  @ApiProperty() @Transform(trimString) @IsString() @Length(1, 200) @NotBlank() title: string;
  @ApiProperty({ enum: ['hearing', 'survey'] }) @IsIn(['hearing', 'survey']) kind: 'hearing' | 'survey';
  @ApiPropertyOptional() @IsOptional() @IsUUID() draftId?: string;
  @ApiPropertyOptional({ type: [QuestionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => QuestionDto)
  questions?: QuestionDto[];
  @ApiProperty({ type: AddresseesDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => AddresseesDto)
  addressees: AddresseesDto;
  @ApiProperty({ example: '2027-03-31T23:59:59Z' }) @IsISO8601({ strict: true }) deadline: string;
  @ApiPropertyOptional({ type: [Number], example: [7, 1] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(60, { each: true })
  remindDaysBefore?: number[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10_000) note?: string;
}

export class CommentAnchorDto {
  @ApiPropertyOptional({ example: '14' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{1,5}[a-z]{0,3}$/, { message: 'randnummer must look like 14 or 3a' })
  randnummer?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(10_000_000) from?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(10_000_000) to?: number;
}

export class StatementCommentDto {
  @ApiPropertyOptional({ type: CommentAnchorDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CommentAnchorDto)
  anchor?: CommentAnchorDto;
  @ApiProperty({ enum: POSITIONS }) @IsIn(POSITIONS) position: (typeof POSITIONS)[number];
  @ApiProperty() @IsString() @Length(1, 20_000) @NotBlank() text: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20_000) proposedWording?: string;
}

export class AnswerDto {
  @ApiProperty() @IsString() @Matches(/^[A-Za-z0-9_-]{1,40}$/) questionId: string;
  @ApiProperty({ description: 'text, number, boolean (yes/no) or one of the options' })
  @IsDefined()
  value: string | number | boolean;
}

export class PutStatementDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100_000) general?: string;
  @ApiPropertyOptional({ type: [StatementCommentDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => StatementCommentDto)
  comments?: StatementCommentDto[];
  @ApiPropertyOptional({ type: [AnswerDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AnswerDto)
  answers?: AnswerDto[];
  @ApiPropertyOptional({ description: 'the version this change was made on (stale: 409)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2_000_000_000)
  version?: number;
}

export class ExtensionDto {
  @ApiProperty() @IsISO8601({ strict: true }) deadline: string;
}

export class AssessmentDto {
  @ApiProperty({ enum: ASSESSMENTS }) @IsIn(ASSESSMENTS) assessment: (typeof ASSESSMENTS)[number];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10_000) reason?: string;
}

export class SynopsisQueryDto {
  @ApiPropertyOptional({ enum: SYNOPSIS_FORMATS })
  @IsOptional()
  @IsIn(SYNOPSIS_FORMATS)
  format?: (typeof SYNOPSIS_FORMATS)[number];
  @ApiPropertyOptional() @IsOptional() @IsUUID() organisationId?: string;
  @ApiPropertyOptional({ enum: POSITIONS })
  @IsOptional()
  @IsIn(POSITIONS)
  position?: (typeof POSITIONS)[number];
  @ApiPropertyOptional({ enum: [...ASSESSMENTS, 'none'] })
  @IsOptional()
  @IsIn([...ASSESSMENTS, 'none'])
  assessment?: (typeof ASSESSMENTS)[number] | 'none';
}
