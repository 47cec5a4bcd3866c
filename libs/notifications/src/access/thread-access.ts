import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { AccessPolicy } from '@runde/groups';
import { Caller, UserEntity } from '@runde/identity';

/** Asks the access policy about threads on behalf of notifications: who may read, which may be read. */
@Injectable()
export class ThreadAccess {
  constructor(private readonly policy: AccessPolicy) {}

  /**
   * Which of these people (active accounts only) may read the thread now. Sorted by id, so that writers
   * touching the same people's rows always lock them in the same order.
   */
  async readersOf(manager: EntityManager, threadId: string, userIds: Iterable<string>): Promise<string[]> {
    const ids = [...new Set(userIds)];
    if (ids.length === 0) return [];
    const scope = await this.policy.scopeOf('thread', threadId);
    if (!scope) return [];
    const users = await manager.find(UserEntity, { where: { id: In(ids), deletedAt: IsNull() } });
    const readers: string[] = [];
    for (const user of users) {
      const access = await this.policy.accessTo(asCaller(user), scope);
      if (access.read) readers.push(user.id);
    }
    return readers.sort();
  }

  /** Which of these threads the caller may read now (a thread may have moved, or the caller left its group). */
  async readableBy(caller: Caller, threadIds: Iterable<string>): Promise<Set<string>> {
    const readable = new Set<string>();
    for (const id of new Set(threadIds)) {
      if ((await this.policy.canRead(caller, 'thread', id)) === 'ok') readable.add(id);
    }
    return readable;
  }
}

function asCaller(user: UserEntity): Caller {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    isAdmin: user.isAdmin,
    organisationId: user.organisationId,
  };
}
