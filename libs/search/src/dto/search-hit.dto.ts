import { ApiProperty } from '@nestjs/swagger';
import { SEARCH_TYPES, type SearchType } from '../sources/search-source';

/** One search result. */
export class SearchHit {
  @ApiProperty({ enum: SEARCH_TYPES })
  type: SearchType;

  @ApiProperty({ format: 'uuid', description: 'Id of the thread, post or draft' })
  id: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  threadId: string | null;

  @ApiProperty({ format: 'uuid' })
  topicId: string;

  @ApiProperty({ format: 'uuid' })
  groupId: string;

  @ApiProperty({
    description: 'Title of the thread or draft, plain text (escape it before putting it into HTML)',
  })
  title: string;

  @ApiProperty({
    description:
      'HTML: the matching text as readers see it (Markdown syntax removed), with its own <, >, & escaped and ' +
      'the matches in <mark>…</mark>',
    example: 'Ziele Der <mark>Sprachkurs</mark> beginnt im März &amp; endet im Juli',
  })
  snippet: string;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Number of the post in its thread; null otherwise',
  })
  seq: number | null;

  @ApiProperty({ format: 'uuid' })
  authorId: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ description: 'ts_rank; higher is better, results are sorted by it' })
  rank: number;
}
