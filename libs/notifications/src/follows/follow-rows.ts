import type { EntityManager } from 'typeorm';
import type { FollowTarget } from '../entities/follow.entity';

/** Follows a thread or topic; following twice is a no-op. Returns when the follow began. */
export async function addFollow(
  manager: EntityManager,
  userId: string,
  targetType: FollowTarget,
  targetId: string,
): Promise<Date> {
  const rows: Array<{ created_at: Date }> = await manager.query(
    `WITH inserted AS (
       INSERT INTO follows (user_id, target_type, target_id) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING created_at
     )
     SELECT created_at FROM inserted
     UNION ALL
     SELECT created_at FROM follows WHERE user_id = $1 AND target_type = $2 AND target_id = $3
     LIMIT 1`,
    [userId, targetType, targetId],
  );
  return rows[0]?.created_at ?? new Date();
}
