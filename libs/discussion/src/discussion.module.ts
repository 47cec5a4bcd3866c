import { Module } from '@nestjs/common';

/** Topics, threads, posts and their moderation. */
@Module({})
export class DiscussionModule {}
