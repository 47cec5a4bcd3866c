/**
 * Test data straight into the database (registering 10,000 accounts over HTTP would take minutes of argon2):
 * users, one group with everyone as a member, one topic, R threads. Access tokens are signed with the api's
 * JWT_SECRET exactly as TokenService signs them (HS256, {sub, typ: 'access'}).
 */
import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Client } from 'pg';

export interface SeedUser {
  id: string;
  token: string;
}

export interface SeedData {
  groupId: string;
  topicId: string;
  users: SeedUser[];
  threads: string[];
}

export async function seed(
  db: Client,
  userCount: number,
  threadCount: number,
  jwtSecret: string,
  tokenTtlSeconds = 3600,
): Promise<SeedData> {
  const users: SeedUser[] = [];
  const ids = Array.from({ length: userCount }, () => randomUUID());
  for (let from = 0; from < userCount; from += 5000) {
    const batch = ids.slice(from, from + 5000);
    const emails = batch.map((_, i) => `bench-${from + i}@bench.invalid`);
    const names = batch.map((_, i) => `Bench Person ${from + i}`);
    await db.query(
      `INSERT INTO users (id, email, email_normalized, password_hash, display_name)
       SELECT id, email, email, '!bench-account-no-password', name
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS t(id, email, name)`,
      [batch, emails, names],
    );
  }
  const groupId = randomUUID();
  const topicId = randomUUID();
  await db.query(`INSERT INTO groups (id, name, created_by) VALUES ($1, 'Bench AG', $2)`, [groupId, ids[0]]);
  for (let from = 0; from < userCount; from += 5000) {
    const batch = ids.slice(from, from + 5000);
    await db.query(
      `INSERT INTO group_members (group_id, user_id, role)
       SELECT $1, id, CASE WHEN id = $3 THEN 'owner' ELSE 'member' END FROM unnest($2::uuid[]) AS t(id)`,
      [groupId, batch, ids[0]],
    );
  }
  await db.query(
    `INSERT INTO topics (id, group_id, title, visibility, created_by) VALUES ($1, $2, 'Bench topic', 'group', $3)`,
    [topicId, groupId, ids[0]],
  );
  const threads = Array.from({ length: threadCount }, () => randomUUID());
  await db.query(
    `INSERT INTO threads (id, topic_id, group_id, title, author_id)
     SELECT id, $2, $3, 'Bench thread ' || ord, $4 FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, ord)`,
    [threads, topicId, groupId, ids[0]],
  );
  for (const id of ids) {
    users.push({
      id,
      token: jwt.sign({ sub: id, typ: 'access' }, jwtSecret, {
        algorithm: 'HS256',
        expiresIn: tokenTtlSeconds,
      }),
    });
  }
  return { groupId, topicId, users, threads };
}
