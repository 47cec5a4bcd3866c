import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { NotBlank, trimString } from '@runde/platform';
import { DRAFT_STATUSES, type DraftStatus } from '@runde/events';
import { EXPORT_FORMATS, type ExportFormat } from '../export/export.service';
import { CHANGE_MODES, type ChangeMode } from '../export/settle';

/** Longest draft text (characters); the request body limit (BODY_LIMIT) applies too. */
export const DRAFT_CONTENT_MAX = 400_000;
const MAX_VERSION = 2_000_000_000;

export class CreateDraftDto {
  @ApiProperty({ example: 'Integrationsstrategie 2027' })
  @Transform(trimString)
  @IsString()
  @Length(1, 200)
  title: string;
  @ApiPropertyOptional({ description: 'Markdown' })
  @IsOptional()
  @IsString()
  @MaxLength(DRAFT_CONTENT_MAX)
  content?: string;
}

export class PutContentDto {
  @ApiProperty({ description: 'the whole new Markdown text' })
  @IsString()
  @MaxLength(DRAFT_CONTENT_MAX)
  content: string;

  @ApiProperty({ description: 'the version the text was based on (from GET)', minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(MAX_VERSION)
  baseVersion: number;
}

export class ChangeStatusDto {
  @ApiProperty({ enum: DRAFT_STATUSES }) @IsIn(DRAFT_STATUSES) status: DraftStatus;
  @ApiPropertyOptional({ description: 'required for consultation: when it closes (ISO-8601, future)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  deadline?: string;
}

export class CreateRevisionDto {
  @ApiProperty({ example: 'Stand nach der Klausur' })
  @Transform(trimString)
  @IsString()
  @Length(1, 200)
  label: string;
}

export class DiffQueryDto {
  @ApiProperty({ description: 'revision id' }) @IsUUID() from: string;
  @ApiPropertyOptional({ description: 'revision id; omitted: the current text' })
  @IsOptional()
  @IsUUID()
  to?: string;
}

export class ExportQueryDto {
  @ApiPropertyOptional({
    enum: EXPORT_FORMATS,
    default: 'markdown',
    description: 'markdown and html show the text as it is; docx, odt and pdf are documents with Randnummern',
  })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;
  @ApiPropertyOptional({ description: 'revision id; omitted: the current text' })
  @IsOptional()
  @IsUUID()
  revision?: string;
  @ApiPropertyOptional({
    enum: ['de', 'en'],
    default: 'de',
    description: 'language of the export’s own words',
  })
  @IsOptional()
  @IsIn(['de', 'en'])
  lang?: 'de' | 'en';
  @ApiPropertyOptional({
    enum: CHANGE_MODES,
    default: 'tracked',
    description:
      'pending tracked changes: as Word revisions with author and date (DOCX/ODT/PDF; CriticMarkup in Markdown ' +
      'and HTML), all left out (`rejected`: the text as agreed so far) or all taken (`accepted`)',
  })
  @IsOptional()
  @IsIn(CHANGE_MODES)
  changes?: ChangeMode;
}

export class AnchorDto {
  @ApiProperty({ description: 'offset (UTF-16 code units) where the range starts', minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(DRAFT_CONTENT_MAX)
  start: number;
  @ApiProperty({ description: 'offset where it ends (exclusive)', minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(DRAFT_CONTENT_MAX)
  end: number;
  @ApiPropertyOptional({ description: 'the version the offsets refer to (default: current)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_VERSION)
  version?: number;
}

export class CreateCommentDto {
  @ApiProperty() @IsString() @Length(1, 10_000) @NotBlank() body: string;
  @ApiPropertyOptional({ type: AnchorDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AnchorDto)
  anchor?: AnchorDto;
  @ApiPropertyOptional({ description: 'discuss a suggestion' }) @IsOptional() @IsUUID() suggestionId?: string;
}

export class ReplyDto {
  @ApiProperty() @IsString() @Length(1, 10_000) @NotBlank() body: string;
}

export class CreateSuggestionDto {
  @ApiProperty({ type: AnchorDto }) @IsDefined() @ValidateNested() @Type(() => AnchorDto) anchor: AnchorDto;
  @ApiProperty({ description: 'replaces the anchored text; empty deletes it' })
  @IsString()
  @MaxLength(20_000)
  replacement: string;
  @ApiProperty() @IsString() @Length(1, 5_000) @NotBlank() rationale: string;
}

export class RejectSuggestionDto {
  @ApiProperty() @Transform(trimString) @IsString() @Length(1, 2_000) reason: string;
}
