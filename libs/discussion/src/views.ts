import type { PersonPayload, PostPayload, ThreadPayload, TopicPayload } from '@runde/events';
import type { PostEntity } from './entities/post.entity';
import type { ThreadEntity } from './entities/thread.entity';
import type { TopicEntity } from './entities/topic.entity';

export function topicView(t: TopicEntity): TopicPayload {
  return {
    id: t.id,
    groupId: t.groupId,
    title: t.title,
    description: t.description,
    visibility: t.visibility,
    createdAt: t.createdAt.toISOString(),
  };
}

export function threadView(t: ThreadEntity, author: PersonPayload): ThreadPayload {
  return {
    id: t.id,
    topicId: t.topicId,
    groupId: t.groupId,
    title: t.title,
    authorId: t.authorId,
    author,
    locked: t.locked,
    pinned: t.pinned,
    slowModeSeconds: t.slowModeSeconds,
    postCount: t.postCount,
    lastPostSeq: t.lastPostSeq,
    createdAt: t.createdAt.toISOString(),
    lastActivityAt: t.lastActivityAt.toISOString(),
  };
}

const EXCERPT = 200;

export function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT - 1)}…` : flat;
}

/** The post as every reader sees it: hidden and deleted posts carry no body. */
export function postView(
  p: PostEntity,
  author: PersonPayload,
  replyTo: { post: PostEntity; author: PersonPayload } | null,
): PostPayload {
  const visible = !p.hidden && !p.deletedAt;
  const replyVisible = replyTo && !replyTo.post.hidden && !replyTo.post.deletedAt;
  return {
    id: p.id,
    threadId: p.threadId,
    seq: p.seq,
    authorId: p.authorId,
    author,
    body: visible ? p.body : null,
    replyToId: p.replyToId,
    replyTo: replyTo
      ? {
          id: replyTo.post.id,
          seq: replyTo.post.seq,
          authorId: replyTo.post.authorId,
          authorName: replyTo.author.displayName,
          excerpt: replyVisible ? excerpt(replyTo.post.body) : null,
        }
      : null,
    createdAt: p.createdAt.toISOString(),
    editedAt: p.editedAt?.toISOString() ?? null,
    hidden: p.hidden,
    deleted: !!p.deletedAt,
  };
}
