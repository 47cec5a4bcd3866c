import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull } from 'typeorm';
import type { NotificationPayload } from '@runde/events';
import { PostEntity, ThreadEntity } from '@runde/discussion';
import { Caller, UsersService } from '@runde/identity';
import { NeedsAccess } from '@runde/needs';
import { AppError, decodeCursor, Page, toPage } from '@runde/platform';
import { NoticeAccess } from '../access/notice-access';
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
 * The caller's notifications. Only those about threads and drafts the caller may still read are shown or
 * counted: a thread can move to another group, a topic can become group-only, and people leave groups.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: NoticeAccess,
    private readonly needs: NeedsAccess,
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
    const readable = await this.readable(caller, page.items);
    return {
      items: await this.views(page.items.filter(readable)),
      nextCursor: page.nextCursor,
    };
  }

  async unreadCount(caller: Caller): Promise<{ count: number }> {
    const rows: Array<Subjects & { n: number }> = await this.dataSource.query(
      `SELECT thread_id AS "threadId", draft_id AS "draftId", needs_signal_id AS "needsSignalId",
              count(*)::int AS n FROM notifications
        WHERE user_id = $1 AND read_at IS NULL GROUP BY thread_id, draft_id, needs_signal_id`,
      [caller.id],
    );
    const readable = await this.readable(caller, rows);
    return { count: rows.reduce((sum, r) => sum + (readable(r) ? r.n : 0), 0) };
  }

  /** Idempotent: reading a read notification keeps its first `readAt`. */
  async markRead(caller: Caller, id: string): Promise<NotificationPayload> {
    const found = await this.repo.findOneBy({ id, userId: caller.id });
    if (!found || !(await this.readable(caller, [found]))(found)) {
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

  /**
   * Which of these notifications' threads, drafts and needs signals the caller may read now: a filter for them.
   * Organisation notices are about the caller's own membership (or a request to them as its admin): always theirs
   * to read.
   */
  private async readable(caller: Caller, rows: Subjects[]): Promise<(row: Subjects) => boolean> {
    const [threads, drafts, signals] = await Promise.all([
      this.access.readableBy(caller, 'thread', ids(rows.map((r) => r.threadId))),
      this.access.readableBy(caller, 'draft', ids(rows.map((r) => r.draftId))),
      this.needs.visibleSignals(caller, ids(rows.map((r) => r.needsSignalId))),
    ]);
    return (row) =>
      row.threadId
        ? threads.has(row.threadId)
        : row.draftId
          ? drafts.has(row.draftId)
          : row.needsSignalId
            ? signals.has(row.needsSignalId)
            : true;
  }

  private async views(rows: NotificationEntity[]): Promise<NotificationPayload[]> {
    if (rows.length === 0) return [];
    const threadIds = ids(rows.map((r) => r.threadId));
    const draftIds = ids(rows.map((r) => r.draftId));
    const postIds = ids(rows.map((r) => r.postId));
    const orgIds = ids(rows.map((r) => r.organisationId));
    const [threads, drafts, posts, people, orgs] = await Promise.all([
      threadIds.length
        ? this.dataSource
            .getRepository(ThreadEntity)
            .find({ where: { id: In(threadIds) }, select: { id: true, title: true, groupId: true } })
        : [],
      draftIds.length
        ? this.dataSource.query<Array<{ id: string; title: string }>>(
            `SELECT id, title FROM drafts WHERE id = ANY($1::uuid[])`,
            [draftIds],
          )
        : [],
      postIds.length
        ? this.dataSource
            .getRepository(PostEntity)
            .find({ where: { id: In(postIds) }, select: { id: true, seq: true } })
        : [],
      this.users.people(rows.map((r) => r.actorId).filter((id): id is string => !!id)),
      orgIds.length
        ? this.dataSource.query<
            Array<{ id: string; title: string; role: 'admin' | 'member' | 'deputy' | null }>
          >(
            `SELECT o.id, o.name AS title, m.role FROM organisations o
               LEFT JOIN organisation_members m
                 ON m.organisation_id = o.id AND m.user_id = $2 AND m.status = 'confirmed'
              WHERE o.id = ANY($1::uuid[])`,
            [orgIds, rows[0].userId],
          )
        : [],
    ]);
    const roundIds = ids(rows.map((r) => r.consultationId));
    const rounds = roundIds.length
      ? await this.dataSource.query<Array<{ id: string; title: string }>>(
          `SELECT id, title FROM consultations WHERE id = ANY($1::uuid[])`,
          [roundIds],
        )
      : [];
    const roundTitles = new Map(rounds.map((r) => [r.id, r.title]));
    const signalIds = ids(rows.map((r) => r.needsSignalId));
    const signals = signalIds.length
      ? await this.dataSource.query<Array<{ id: string; summary: string }>>(
          `SELECT id, summary FROM needs_signals WHERE id = ANY($1::uuid[])`,
          [signalIds],
        )
      : [];
    const summaries = new Map(signals.map((s) => [s.id, s.summary]));
    const titles = new Map([...threads, ...drafts, ...orgs].map((t) => [t.id, t.title]));
    const roles = new Map(orgs.map((o) => [o.id, o.role]));
    const groups = new Map(threads.map((t) => [t.id, t.groupId]));
    const seqs = new Map(posts.map((p) => [p.id, p.seq]));
    return rows.map((n) =>
      notificationView(n, {
        title: n.needsSignalId
          ? (summaries.get(n.needsSignalId) ?? '')
          : (titles.get((n.threadId ?? n.draftId ?? n.organisationId)!) ?? ''),
        role: n.organisationId ? (roles.get(n.organisationId) ?? null) : null,
        postSeq: n.postId ? (seqs.get(n.postId) ?? null) : null,
        actor: n.actorId ? (people.get(n.actorId) ?? null) : null,
        groupId: n.threadId ? (groups.get(n.threadId) ?? null) : null,
        consultationTitle: n.consultationId ? (roundTitles.get(n.consultationId) ?? null) : null,
        needsSignalSummary: n.needsSignalId ? (summaries.get(n.needsSignalId) ?? null) : null,
      }),
    );
  }
}

/** What a notification is about, as far as who may read it goes. */
type Subjects = { threadId: string | null; draftId: string | null; needsSignalId: string | null };

/** The distinct ids among these, without the nulls. */
function ids(values: Array<string | null>): string[] {
  return [...new Set(values.filter((id): id is string => !!id))];
}
