import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { AccessPolicy } from '@runde/groups';
import { Caller, callerOf, UserEntity } from '@runde/identity';

/** What a notification is about: a thread (its posts) or a strategy draft. */
export type NoticeSubject = 'thread' | 'draft';

/** Asks the access policy about threads and drafts on behalf of notifications: who may read, which may be read. */
@Injectable()
export class NoticeAccess {
  constructor(
    private readonly policy: AccessPolicy,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * Which of these people (active accounts only) may read the thread (or draft) now. Sorted by id, so that
   * writers touching the same people's rows always lock them in the same order.
   */
  async readersOf(
    manager: EntityManager,
    subject: NoticeSubject,
    id: string,
    userIds: Iterable<string>,
  ): Promise<string[]> {
    const ids = [...new Set(userIds)];
    if (ids.length === 0) return [];
    const scope = await this.policy.scopeOf(subject, id);
    if (!scope) return [];
    const users = await manager.find(UserEntity, { where: { id: In(ids), deletedAt: IsNull() } });
    const readers: string[] = [];
    for (const user of users) {
      const access = await this.policy.accessTo(callerOf(user), scope);
      if (access.read) readers.push(user.id);
    }
    return readers.sort();
  }

  /**
   * Which of these threads (or drafts) the caller may read now (a thread may have moved, a topic may have become
   * group-only, or the caller left its group).
   */
  async readableBy(caller: Caller, subject: NoticeSubject, ids: Iterable<string>): Promise<Set<string>> {
    const readable = new Set<string>();
    for (const id of new Set(ids)) {
      if ((await this.policy.canRead(caller, subject, id)) === 'ok') readable.add(id);
    }
    return readable;
  }

  /**
   * Which of these needs signals the caller may see now, as the radar shows them: platform admins and the
   * ministry's confirmed people every signal, the network's confirmed people those not kept to the ministry.
   * Someone who left the ministry no longer reads its signals in old notices.
   */
  async signalsReadableBy(caller: Caller, ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `WITH me AS (
         SELECT bool_or(o.kind = 'ministry') AS ministry, count(*) > 0 AS network
           FROM organisation_members m JOIN organisations o ON o.id = m.organisation_id
          WHERE m.user_id = $2 AND m.status = 'confirmed')
       SELECT s.id FROM needs_signals s, me
        WHERE s.id = ANY($1::uuid[])
          AND ($3 OR coalesce(me.ministry, false) OR (me.network AND NOT s.ministry_only))`,
      [ids, caller.id, caller.isAdmin],
    );
    return new Set(rows.map((r) => r.id));
  }
}
