import { Module, OnModuleInit } from '@nestjs/common';
import { SearchController } from './search.controller';
import { SearchService } from './search.service';
import { draftSearchSource } from './sources/draft-search-source';
import { postSearchSource } from './sources/post-search-source';
import { SearchSources } from './sources/search-sources';
import { threadSearchSource } from './sources/thread-search-source';

/** German full-text search over threads, posts and drafts (only what the caller may read). */
@Module({
  controllers: [SearchController],
  providers: [SearchSources, SearchService],
  exports: [SearchSources],
})
export class SearchModule implements OnModuleInit {
  constructor(private readonly sources: SearchSources) {}

  onModuleInit(): void {
    this.sources.register(threadSearchSource);
    this.sources.register(postSearchSource);
    this.sources.register(draftSearchSource);
  }
}
