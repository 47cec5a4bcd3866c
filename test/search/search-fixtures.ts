import type { TestApp } from '../support/test-app';

/**
 * Discussion content written straight into the tables (the discussion routes are not what these tests are
 * about). Each helper returns the new row's id.
 */
export async function givenTopic(
  app: TestApp,
  groupId: string,
  visibility: 'group' | 'network' = 'group',
  title = 'Thema',
): Promise<string> {
  const [row] = await app.dataSource.query(
    `INSERT INTO topics (group_id, title, visibility) VALUES ($1, $2, $3) RETURNING id`,
    [groupId, title, visibility],
  );
  return row.id;
}

export async function givenThread(
  app: TestApp,
  topicId: string,
  authorId: string,
  title: string,
): Promise<string> {
  const [row] = await app.dataSource.query(
    `INSERT INTO threads (topic_id, group_id, title, author_id)
     SELECT id, group_id, $2, $3 FROM topics WHERE id = $1 RETURNING id`,
    [topicId, title, authorId],
  );
  return row.id;
}

/** A post numbered after the thread's last one; `hidden` / `deleted` as moderation or erasure leaves them. */
export async function givenPost(
  app: TestApp,
  threadId: string,
  authorId: string,
  body: string,
  options: { hidden?: boolean; deleted?: boolean } = {},
): Promise<string> {
  const [row] = await app.dataSource.query(
    `WITH seq AS (
       UPDATE threads SET last_post_seq = last_post_seq + 1, post_count = post_count + 1
        WHERE id = $1 RETURNING last_post_seq
     )
     INSERT INTO posts (thread_id, seq, author_id, body, hidden, deleted_at)
     SELECT $1, seq.last_post_seq, $2, $3, $4, CASE WHEN $5 THEN now() END FROM seq RETURNING id`,
    [threadId, authorId, body, options.hidden ?? false, options.deleted ?? false],
  );
  return row.id;
}

/** A made-up word, the same for the stemmer in every form: it isolates a test from everyone else's data. */
export function uniqueWord(): string {
  const letters = 'bcdfgjkmpvwxz';
  const vowels = 'aeiou';
  let word = 'q';
  for (let i = 0; i < 5; i++) {
    word += letters[Math.floor(Math.random() * letters.length)] + vowels[Math.floor(Math.random() * 5)];
  }
  return `${word}x`;
}

/** The contract's error body. */
export function expectErrorBody(body: unknown, statusCode: number, code: string): void {
  expect(body).toEqual(expect.objectContaining({ statusCode, code, message: expect.any(String) }));
}
