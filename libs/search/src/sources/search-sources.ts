import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { SEARCH_TYPES, type SearchSource, type SearchType } from './search-source';

/** The registry of search sources: one per type, complete before the app serves requests. */
@Injectable()
export class SearchSources implements OnApplicationBootstrap {
  private readonly byType = new Map<SearchType, SearchSource>();

  register(source: SearchSource): void {
    if (this.byType.has(source.type)) throw new Error(`Search source "${source.type}" is registered twice`);
    this.byType.set(source.type, source);
  }

  /** The sources to search: the one of `type`, or all. */
  select(type?: SearchType): SearchSource[] {
    return type ? [this.get(type)] : SEARCH_TYPES.map((t) => this.get(t));
  }

  onApplicationBootstrap(): void {
    const missing = SEARCH_TYPES.filter((t) => !this.byType.has(t));
    if (missing.length) throw new Error(`No search source registered for: ${missing.join(', ')}`);
  }

  private get(type: SearchType): SearchSource {
    const source = this.byType.get(type);
    if (!source) throw new Error(`No search source registered for ${type}`);
    return source;
  }
}
