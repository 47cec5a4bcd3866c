import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { ThreadEntity, TopicEntity } from '@runde/discussion';
import { streamName, UnitOfWork } from '@runde/events';
import { AccessPolicy } from '@runde/groups';
import type { Caller } from '@runde/identity';
import { decodeCursor, Page, toPage } from '@runde/platform';
import { FollowEntity, type FollowTarget } from '../entities/follow.entity';
import { addFollow } from './follow-rows';

export interface FollowView {
  targetType: FollowTarget;
  targetId: string;
  followedAt: string;
}

/** A follow in the caller's list; `title` is null when the caller may no longer read the target. */
export interface FollowListItem extends FollowView {
  title: string | null;
}

type FollowCursor = { t: string; y: string; i: string };
const isFollowCursor = (v: unknown): v is FollowCursor =>
  !!v &&
  typeof v === 'object' &&
  typeof (v as FollowCursor).t === 'string' &&
  !Number.isNaN(Date.parse((v as FollowCursor).t)) &&
  typeof (v as FollowCursor).y === 'string' &&
  typeof (v as FollowCursor).i === 'string' &&
  UUID.test((v as FollowCursor).i);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NAME: Record<FollowTarget, string> = { thread: 'Thread', topic: 'Topic' };

@Injectable()
export class FollowsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
    private readonly uow: UnitOfWork,
  ) {}

  /** Idempotent: following again answers the existing follow. */
  async follow(caller: Caller, targetType: FollowTarget, targetId: string): Promise<FollowView> {
    await this.policy.assert(caller, 'read', targetType, targetId, NAME[targetType]);
    return this.uow.run(async (tx) => {
      const existed = await tx.manager.existsBy(FollowEntity, { userId: caller.id, targetType, targetId });
      const followedAt = await addFollow(tx.manager, caller.id, targetType, targetId);
      if (!existed)
        tx.append(streamName('user', caller.id), 'follow.added', { targetType, targetId }, caller.id);
      return { targetType, targetId, followedAt: followedAt.toISOString() };
    });
  }

  /**
   * Idempotent. A follow that exists is always removed (also after losing access to its target); otherwise the
   * target must exist for the caller (404 as everywhere).
   */
  async unfollow(caller: Caller, targetType: FollowTarget, targetId: string): Promise<void> {
    const removed = await this.uow.run(async (tx) => {
      const result = await tx.manager.delete(FollowEntity, { userId: caller.id, targetType, targetId });
      if (result.affected)
        tx.append(streamName('user', caller.id), 'follow.removed', { targetType, targetId }, caller.id);
      return result.affected ?? 0;
    });
    if (!removed) await this.policy.assert(caller, 'read', targetType, targetId, NAME[targetType]);
  }

  /** The caller's follows, newest first. */
  async list(
    caller: Caller,
    limit = 20,
    cursor?: string,
    type?: FollowTarget,
  ): Promise<Page<FollowListItem>> {
    const after = decodeCursor(cursor, isFollowCursor);
    const qb = this.dataSource
      .getRepository(FollowEntity)
      .createQueryBuilder('f')
      .where('f.user_id = :userId', { userId: caller.id })
      .orderBy('f.created_at', 'DESC')
      .addOrderBy('f.target_type', 'DESC')
      .addOrderBy('f.target_id', 'DESC')
      .limit(limit + 1);
    if (type) qb.andWhere('f.target_type = :type', { type });
    if (after) {
      qb.andWhere('(f.created_at, f.target_type, f.target_id) < (:t, :y, :i)', {
        t: after.t,
        y: after.y,
        i: after.i,
      });
    }
    const page = toPage(
      await qb.getMany(),
      limit,
      (f) => f,
      (f) => ({ t: f.createdAt.toISOString(), y: f.targetType, i: f.targetId }),
    );
    const titles = await this.titles(caller, page.items);
    return {
      items: page.items.map((f) => ({
        targetType: f.targetType,
        targetId: f.targetId,
        title: titles.get(f.targetId) ?? null,
        followedAt: f.createdAt.toISOString(),
      })),
      nextCursor: page.nextCursor,
    };
  }

  private async titles(caller: Caller, follows: FollowEntity[]): Promise<Map<string, string>> {
    const ids = (type: FollowTarget) => follows.filter((f) => f.targetType === type).map((f) => f.targetId);
    const threadIds = ids('thread');
    const topicIds = ids('topic');
    const [threads, topics] = await Promise.all([
      threadIds.length
        ? this.dataSource.getRepository(ThreadEntity).find({
            where: { id: In(threadIds) },
            select: { id: true, title: true },
          })
        : [],
      topicIds.length
        ? this.dataSource.getRepository(TopicEntity).find({
            where: { id: In(topicIds) },
            select: { id: true, title: true },
          })
        : [],
    ]);
    const titles = new Map<string, string>();
    for (const [kind, rows] of [
      ['thread', threads],
      ['topic', topics],
    ] as const) {
      for (const row of rows) {
        if ((await this.policy.canRead(caller, kind, row.id)) === 'ok') titles.set(row.id, row.title);
      }
    }
    return titles;
  }
}
