/**
 * Test data straight into the database (as bench/realtime does): users, one group with everyone as a member
 * (user 0 its owner), one topic. Access tokens are signed with the api's JWT_SECRET exactly as TokenService
 * signs them (HS256, {sub, typ: 'access'}), via `jsonwebtoken` (what @nestjs/jwt uses).
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
}

export async function seed(
  db: Client,
  userCount: number,
  jwtSecret: string,
  ttlSeconds = 3600,
): Promise<SeedData> {
  const ids = Array.from({ length: userCount }, () => randomUUID());
  await db.query(
    `INSERT INTO users (id, email, email_normalized, password_hash, display_name)
     SELECT id, 'drafts-bench-' || ord || '@bench.invalid', 'drafts-bench-' || ord || '@bench.invalid',
            '!bench-account-no-password', 'Bench Editor ' || ord
       FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, ord)`,
    [ids],
  );
  const groupId = randomUUID();
  const topicId = randomUUID();
  await db.query(`INSERT INTO groups (id, name, created_by) VALUES ($1, 'Drafts bench AG', $2)`, [
    groupId,
    ids[0],
  ]);
  await db.query(
    `INSERT INTO group_members (group_id, user_id, role)
     SELECT $1, id, CASE WHEN id = $3 THEN 'owner' ELSE 'member' END FROM unnest($2::uuid[]) AS t(id)`,
    [groupId, ids, ids[0]],
  );
  await db.query(
    `INSERT INTO topics (id, group_id, title, visibility, created_by)
     VALUES ($1, $2, 'Drafts bench topic', 'group', $3)`,
    [topicId, groupId, ids[0]],
  );
  const users = ids.map((id) => ({
    id,
    token: jwt.sign({ sub: id, typ: 'access' }, jwtSecret, { algorithm: 'HS256', expiresIn: ttlSeconds }),
  }));
  return { groupId, topicId, users };
}
