import { Injectable, OnModuleInit } from '@nestjs/common';
import { BeforeCommitHooks, type PostPayload, type ThreadPayload, type Transaction } from '@runde/events';
import { prepared } from '@runde/platform';

/**
 * Whoever starts a thread or posts in it follows it — written in the same transaction as the thread or post, so
 * the follow exists before any consumer fans out a later post (the worker runs event batches in parallel and
 * cannot promise that one batch's consumers ran before another's). One statement per transaction.
 */
@Injectable()
export class AuthorFollows implements OnModuleInit {
  constructor(private readonly hooks: BeforeCommitHooks) {}

  onModuleInit(): void {
    this.hooks.register((tx) => this.followAsAuthors(tx));
  }

  private async followAsAuthors(tx: Transaction): Promise<void> {
    const users: string[] = [];
    const threads: string[] = [];
    for (const event of tx.pending) {
      if (event.type === 'post.created') {
        const { post } = event.data as { post: PostPayload };
        users.push(post.authorId);
        threads.push(post.threadId);
      } else if (event.type === 'thread.created') {
        const { thread } = event.data as { thread: ThreadPayload };
        users.push(thread.authorId);
        threads.push(thread.id);
      }
    }
    if (users.length === 0) return;
    await prepared(
      tx.manager,
      `INSERT INTO follows (user_id, target_type, target_id)
       SELECT DISTINCT u, 'thread', t FROM unnest($1::uuid[], $2::uuid[]) AS x(u, t)
       ON CONFLICT DO NOTHING`,
      [users, threads],
    );
  }
}
