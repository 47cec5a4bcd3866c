import { Module } from '@nestjs/common';
import { DiscussionScopes } from './discussion-scopes';
import { FlagsService } from './moderation/flags.service';
import { ModerationLogService } from './moderation/moderation-log.service';
import { ModerationController } from './moderation/moderation.controller';
import { ModerationService } from './moderation/moderation.service';
import { MentionedPeopleService } from './posts/mentioned-people.service';
import { PostPersonalData } from './posts/post-personal-data';
import { PostBatchWriter } from './posts/post-batch-writer';
import { PostsController } from './posts/posts.controller';
import { PostsService } from './posts/posts.service';
import { SlowMode } from './posts/slow-mode';
import { DiscussionReader } from './threads/discussion-reader';
import { ThreadsController } from './threads/threads.controller';
import { ThreadsService } from './threads/threads.service';
import { TopicsController } from './topics/topics.controller';
import { TopicsService } from './topics/topics.service';
import { TopicActivity } from './threads/topic-activity';

/** Topics, threads, posts and their moderation. */
@Module({
  controllers: [TopicsController, ThreadsController, PostsController, ModerationController],
  providers: [
    DiscussionScopes,
    DiscussionReader,
    TopicsService,
    ThreadsService,
    PostBatchWriter,
    PostsService,
    MentionedPeopleService,
    SlowMode,
    ModerationService,
    FlagsService,
    ModerationLogService,
    PostPersonalData,
    TopicActivity,
  ],
  exports: [DiscussionReader, ThreadsService, PostsService, TopicsService],
})
export class DiscussionModule {}
