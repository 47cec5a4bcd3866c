import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageQueryDto } from '@runde/platform';
import { SEARCH_TYPES, type SearchType } from '../sources/search-source';

/** `GET /search?q=&groupId=&type=&limit=&cursor=` */
export class SearchQueryDto extends PageQueryDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 200,
    example: '"Sprachkurs in Stuttgart" -Warteliste',
    description: 'Words (German stemming), "a phrase", -excluded, or. Only stop words: an empty list.',
  })
  @IsString()
  @Length(1, 200)
  q: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only this group (404 when the caller may not read it)',
  })
  @IsOptional()
  @IsUUID()
  groupId?: string;

  @ApiPropertyOptional({ enum: SEARCH_TYPES })
  @IsOptional()
  @IsIn(SEARCH_TYPES)
  type?: SearchType;
}
