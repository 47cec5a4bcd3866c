import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
} from 'class-validator';

/** Most tracked changes decided in one request. */
export const MAX_DECIDED_KEYS = 500;

export class DecideChangesDto {
  @ApiProperty({ enum: ['accept', 'reject'] }) @IsIn(['accept', 'reject']) decision: 'accept' | 'reject';
  @ApiPropertyOptional({
    description: 'the changes’ keys (from GET …/changes); exactly one of keys and authorId',
    maxItems: MAX_DECIDED_KEYS,
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_DECIDED_KEYS)
  @IsString({ each: true })
  @Length(1, 300, { each: true })
  keys?: string[];
  @ApiPropertyOptional({ description: 'all changes of this person; exactly one of keys and authorId' })
  @IsOptional()
  @IsUUID()
  authorId?: string;
}
