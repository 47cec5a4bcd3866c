import { ApiProperty } from '@nestjs/swagger';
import { SearchHit } from './search-hit.dto';

/** A page of search results, best first. */
export class SearchPage {
  @ApiProperty({ type: [SearchHit] })
  items: SearchHit[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as ?cursor= for the next page' })
  nextCursor: string | null;
}
