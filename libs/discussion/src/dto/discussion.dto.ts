import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { HIDE_REASONS, type HideReason } from '@runde/events';
import { IsOmittable, IsUuid, NotBlank, PG_INT_MAX, trimString } from '@runde/platform';

export const POST_BODY_MAX = 20_000;

export class CreateTopicDto {
  @ApiProperty() @Transform(trimString) @IsString() @Length(1, 200) title: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) description?: string;
  @ApiProperty({ enum: ['group', 'network'] }) @IsIn(['group', 'network']) visibility: 'group' | 'network';
}

export class UpdateTopicDto {
  @ApiPropertyOptional() @IsOmittable() @Transform(trimString) @IsString() @Length(1, 200) title?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(2000) description?: string;
  @ApiPropertyOptional({ enum: ['group', 'network'] })
  @IsOmittable()
  @IsIn(['group', 'network'])
  visibility?: 'group' | 'network';
}

export class CreateThreadDto {
  @ApiProperty() @Transform(trimString) @IsString() @Length(1, 200) title: string;
  @ApiProperty({ description: 'Markdown, the first post' })
  @IsString()
  @Length(1, POST_BODY_MAX)
  @NotBlank()
  body: string;
}

export class CreatePostDto {
  @ApiProperty({ description: 'Markdown, 1–20,000 characters, not only white space' })
  @IsString()
  @Length(1, POST_BODY_MAX)
  @NotBlank()
  body: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() replyToId?: string;
}

export class EditPostDto {
  @ApiProperty() @IsString() @Length(1, POST_BODY_MAX) @NotBlank() body: string;
}

export class PostsQueryDto {
  @ApiPropertyOptional({ description: 'posts with seq greater than this', minimum: 0, maximum: PG_INT_MAX })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(PG_INT_MAX)
  after?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class MoveThreadDto {
  @ApiProperty() @IsUuid() topicId: string;
}

export class SlowModeDto {
  @ApiProperty({ minimum: 0, maximum: 86400, description: '0 turns slow mode off' })
  @IsInt()
  @Min(0)
  @Max(86400)
  seconds: number;
}

export class HidePostDto {
  @ApiProperty({ enum: HIDE_REASONS }) @IsIn(HIDE_REASONS) reasonCode: HideReason;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) note?: string;
}

export class FlagPostDto {
  @ApiProperty() @Transform(trimString) @IsString() @Length(1, 1000) reason: string;
}

export class ResolveFlagDto {
  @ApiProperty({ enum: ['dismiss', 'hide'] }) @IsIn(['dismiss', 'hide']) action: 'dismiss' | 'hide';
  @ApiPropertyOptional({ enum: HIDE_REASONS, description: 'required for hide' })
  @IsOptional()
  @IsIn(HIDE_REASONS)
  reasonCode?: HideReason;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) note?: string;
}

export class ModerationLogQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'csv'] }) @IsOptional() @IsIn(['json', 'csv']) format?:
    'json' | 'csv';
  @ApiPropertyOptional({ minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) cursor?: string;
}
