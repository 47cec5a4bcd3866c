import type { EntityManager } from 'typeorm';
import { streamName } from '@runde/events';

/**
 * A deleted post's text leaves the event log with it: every stored payload of the post on its thread's stream
 * (created, each edit) loses its body, and replies quoting it lose their excerpt — as the API shows a deleted post.
 * Runs in the deletion's transaction.
 */
export async function forgetPostText(
  manager: EntityManager,
  threadId: string,
  postId: string,
): Promise<void> {
  await manager.query(
    `UPDATE domain_events
        SET data = CASE WHEN data->'post'->>'id' = $2
                        THEN jsonb_set(data, '{post,body}', 'null')
                        ELSE jsonb_set(data, '{post,replyTo,excerpt}', 'null') END
      WHERE stream = $1
        AND (data->'post'->>'id' = $2 OR data->'post'->'replyTo'->>'id' = $2)`,
    [streamName('thread', threadId), postId],
  );
}
