import { Injectable } from '@nestjs/common';
import { PostPayload, streamName, Transaction } from '@runde/events';
import { AppError, ErrorCode } from '@runde/platform';
import { newPost, PostEntity } from '../entities/post.entity';
import { ThreadEntity } from '../entities/thread.entity';
import { DiscussionReader } from '../threads/discussion-reader';

/**
 * Appends a post to a thread inside a unit of work. Taking the next `seq` updates the thread row, which holds its
 * lock until commit: posts of one thread commit in `seq` order, so a reader paging with `?after=` never skips one.
 */
@Injectable()
export class PostWriter {
  constructor(private readonly reader: DiscussionReader) {}

  async append(
    tx: Transaction,
    threadId: string,
    authorId: string,
    body: string,
    replyToId: string | null,
  ): Promise<{ post: PostEntity; view: PostPayload; thread: ThreadEntity }> {
    const rows:
      | Array<Array<{ last_post_seq: number; locked: boolean }>>
      | Array<{ last_post_seq: number; locked: boolean }> = await tx.manager.query(
      `UPDATE threads SET last_post_seq = last_post_seq + 1, post_count = post_count + 1, last_activity_at = now()
         WHERE id = $1 RETURNING last_post_seq, locked`,
      [threadId],
    );
    const updated = (Array.isArray(rows[0]) ? rows[0] : rows) as Array<{
      last_post_seq: number;
      locked: boolean;
    }>;
    if (!updated.length) throw AppError.notFound('Thread');
    if (updated[0].locked) throw new AppError(ErrorCode.ThreadLocked, 'This thread is locked');
    if (replyToId) {
      const target = await tx.manager.findOneBy(PostEntity, { id: replyToId });
      if (!target || target.threadId !== threadId) {
        throw AppError.validation('replyToId must be a post of this thread', [
          { field: 'replyToId', messages: ['not a post of this thread'] },
        ]);
      }
    }
    const post = await tx.manager.save(
      newPost({ threadId, seq: updated[0].last_post_seq, authorId, body, replyToId }),
    );
    const view = await this.reader.postViewOf(post, tx.manager);
    tx.append(streamName('thread', threadId), 'post.created', { post: view }, authorId);
    const thread = await tx.manager.findOneByOrFail(ThreadEntity, { id: threadId });
    return { post, view, thread };
  }
}
