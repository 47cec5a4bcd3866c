import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { AccessPolicy } from '@runde/groups';
import { Caller, callerOf, UserEntity } from '@runde/identity';

/** What a notification is about: a thread (its posts) or a strategy draft. */
export type NoticeSubject = 'thread' | 'draft';

/** Asks the access policy about threads and drafts on behalf of notifications: who may read, which may be read. */
@Injectable()
export class NoticeAccess {
  constructor(private readonly policy: AccessPolicy) {}

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
}
