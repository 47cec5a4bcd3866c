import { Module } from '@nestjs/common';

/** German full-text search over threads, posts and drafts (only what the caller may read). */
@Module({})
export class SearchModule {}
