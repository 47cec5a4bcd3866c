export * from './entities/topic.entity';
export * from './entities/thread.entity';
export * from './entities/post.entity';
export * from './entities/post-revision.entity';
export * from './entities/flag.entity';
export * from './entities/moderation-action.entity';
export * from './entities/thread-activity-mark.entity';

import { FlagEntity } from './entities/flag.entity';
import { ModerationActionEntity } from './entities/moderation-action.entity';
import { PostRevisionEntity } from './entities/post-revision.entity';
import { PostEntity } from './entities/post.entity';
import { ThreadActivityMarkEntity } from './entities/thread-activity-mark.entity';
import { ThreadEntity } from './entities/thread.entity';
import { TopicEntity } from './entities/topic.entity';
export const DISCUSSION_ENTITIES = [
  TopicEntity,
  ThreadEntity,
  PostEntity,
  PostRevisionEntity,
  FlagEntity,
  ModerationActionEntity,
  ThreadActivityMarkEntity,
];
export * from './discussion.module';
export { TopicActivity } from './threads/topic-activity';
export * from './threads/discussion-reader';
export * from './threads/threads.service';
export * from './posts/posts.service';
export * from './topics/topics.service';
export * from './views';
export * from './posts/post-batch-writer';
