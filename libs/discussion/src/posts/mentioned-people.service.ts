import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PersonPayload } from '@runde/events';
import { AccessPolicy } from '@runde/groups';
import type { Caller } from '@runde/identity';
import { DiscussionReader } from '../threads/discussion-reader';

/** More people than this are not named (a thread is not a directory). */
export const MAX_MENTIONED_PEOPLE = 200;

/** `@<uuid>` or `@uuid`, as the mention parser (libs/notifications) reads it. */
const MENTION_ID =
  '@<?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?![0-9a-zA-Z-])';

/**
 * The people that the posts of a thread mention by id, so that the browser can show `@<uuid>` as a name. Only the
 * posts the caller may read count (a hidden post's for its author and the moderators), so this names nobody the
 * caller could not see named in the thread anyway.
 */
@Injectable()
export class MentionedPeopleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
    private readonly reader: DiscussionReader,
  ) {}

  async list(caller: Caller, threadId: string): Promise<{ items: PersonPayload[] }> {
    const access = await this.policy.assert(caller, 'read', 'thread', threadId, 'Thread');
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT DISTINCT lower(m[1]) AS id
         FROM posts p, regexp_matches(p.body, $4, 'g') AS m
        WHERE p.thread_id = $1 AND p.deleted_at IS NULL AND p.body LIKE '%@%'
          AND (NOT p.hidden OR $2 OR p.author_id = $3)
        LIMIT ${MAX_MENTIONED_PEOPLE}`,
      [threadId, access.moderate, caller.id, MENTION_ID],
    );
    const people = await this.reader.people(rows.map((r) => r.id));
    return { items: [...people.values()] };
  }
}
