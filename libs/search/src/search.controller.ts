import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentUser } from '@runde/identity';
import { SearchPage } from './dto/search-page.dto';
import { SearchQueryDto } from './dto/search-query.dto';
import { SearchService } from './search.service';

@ApiTags('search')
@ApiBearerAuth()
@Controller('search')
export class SearchController {
  constructor(private readonly searchService: SearchService) {}

  @Get()
  @ApiOperation({
    summary: 'German full-text search over thread titles and posts the caller may read, best matches first',
  })
  @ApiOkResponse({ type: SearchPage })
  search(@CurrentUser() caller: Caller, @Query() query: SearchQueryDto): Promise<SearchPage> {
    return this.searchService.search(caller, query);
  }
}
