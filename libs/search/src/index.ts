export * from './sources/search-source';
export * from './sources/search-sql';
export * from './sources/search-sources';
export * from './dto/search-hit.dto';
export * from './dto/search-page.dto';
export * from './search-page-sql';
export * from './search.service';
export * from './search.module';
