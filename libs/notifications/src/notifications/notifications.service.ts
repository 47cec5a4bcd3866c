import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull } from 'typeorm';
import type { NotificationPayload } from '@runde/events';
import { PostEntity, ThreadEntity } from '@runde/discussion';
import { Caller, UsersService } from '@runde/identity';
import { AppError, decodeCursor, Page, toPage } from '@runde/platform';
import { ThreadAccess } from '../access/thread-access';
import { NotificationEntity } from '../entities/notification.entity';
import { notificationView } from './notification-view';

type NotificationCursor = { t: string; i: string };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isNotificationCursor = (v: unknown): v is NotificationCursor =>
  !!v &&
  typeof v === 'object' &&
  typeof (v as NotificationCursor).t === 'string' &&
  !Number.isNaN(Date.parse((v as NotificationCursor).t)) &&
  typeof (v as NotificationCursor).i === 'string' &&
  UUID.test((v as NotificationCursor).i);

/**
 * The caller's notifications. Only those about threads the caller may still read are shown or counted: a thread
 * can move to another group, and people leave groups.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ThreadAccess,
    private readonly users: UsersService,
  ) {}

  private get repo() {
    return this.dataSource.getRepository(NotificationEntity);
  }

  /** Latest activity first (a followed thread's notice moves up when its count grows). */
  async list(
    caller: Caller,
    options: { limit?: number; cursor?: string; unread?: boolean },
  ): Promise<Page<NotificationPayload>> {
    const limit = options.limit ?? 20;
    const after = decodeCursor(options.cursor, isNotificationCursor);
    const qb = this.repo
      .createQueryBuilder('n')
      .where('n.user_id = :userId', { userId: caller.id })
      .orderBy('n.updated_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(limit + 1);
    if (options.unread) qb.andWhere('n.read_at IS NULL');
    if (after) qb.andWhere('(n.updated_at, n.id) < (:t, :i)', { t: after.t, i: after.i });
    const page = toPage(
      await qb.getMany(),
      limit,
      (n) => n,
      (n) => ({ t: n.updatedAt.toISOString(), i: n.id }),
    );
    const readable = await this.access.readableBy(
      caller,
      page.items.map((n) => n.threadId),
    );
    return {
      items: await this.views(page.items.filter((n) => readable.has(n.threadId))),
      nextCursor: page.nextCursor,
    };
  }

  async unreadCount(caller: Caller): Promise<{ count: number }> {
    const rows: Array<{ thread_id: string; n: number }> = await this.dataSource.query(
      `SELECT thread_id, count(*)::int AS n FROM notifications
        WHERE user_id = $1 AND read_at IS NULL GROUP BY thread_id`,
      [caller.id],
    );
    const readable = await this.access.readableBy(
      caller,
      rows.map((r) => r.thread_id),
    );
    return { count: rows.reduce((sum, r) => sum + (readable.has(r.thread_id) ? r.n : 0), 0) };
  }

  /** Idempotent: reading a read notification keeps its first `readAt`. */
  async markRead(caller: Caller, id: string): Promise<NotificationPayload> {
    const found = await this.repo.findOneBy({ id, userId: caller.id });
    if (!found || !(await this.access.readableBy(caller, [found.threadId])).has(found.threadId)) {
      throw AppError.notFound('Notification');
    }
    if (!found.readAt) {
      await this.repo.update({ id, readAt: IsNull() }, { readAt: () => 'now()' });
    }
    const row = await this.repo.findOneByOrFail({ id });
    return (await this.views([row]))[0];
  }

  async markAllRead(caller: Caller): Promise<{ updated: number }> {
    const result = await this.repo.update({ userId: caller.id, readAt: IsNull() }, { readAt: () => 'now()' });
    return { updated: result.affected ?? 0 };
  }

  private async views(rows: NotificationEntity[]): Promise<NotificationPayload[]> {
    if (rows.length === 0) return [];
    const threadIds = [...new Set(rows.map((r) => r.threadId))];
    const postIds = [...new Set(rows.map((r) => r.postId).filter((id): id is string => !!id))];
    const [threads, posts, people] = await Promise.all([
      this.dataSource
        .getRepository(ThreadEntity)
        .find({ where: { id: In(threadIds) }, select: { id: true, title: true } }),
      postIds.length
        ? this.dataSource
            .getRepository(PostEntity)
            .find({ where: { id: In(postIds) }, select: { id: true, seq: true } })
        : [],
      this.users.people(rows.map((r) => r.actorId).filter((id): id is string => !!id)),
    ]);
    const titles = new Map(threads.map((t) => [t.id, t.title]));
    const seqs = new Map(posts.map((p) => [p.id, p.seq]));
    return rows.map((n) =>
      notificationView(n, {
        threadTitle: titles.get(n.threadId) ?? '',
        postSeq: n.postId ? (seqs.get(n.postId) ?? null) : null,
        actor: n.actorId ? (people.get(n.actorId) ?? null) : null,
      }),
    );
  }
}
