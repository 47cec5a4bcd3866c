import { Injectable } from '@nestjs/common';
import { streamName } from '@runde/events';
import { AccessPolicy } from '@runde/groups';
import type { Caller } from '@runde/identity';
import { NotificationsService } from '../notifications/notifications.service';
import { OverviewQueries } from './overview-queries';
import type { Overview } from './overview-view';

const THREADS = 20;
const DRAFTS = 20;
const NOTIFICATIONS = 10;
/**
 * Streams the start page follows: the caller's own (notifications, what they read elsewhere), their groups'
 * (new topics) and their busiest topics' (new threads and drafts, activity, draft status changes). Not drafts'
 * streams: joining one counts as being present in the draft. Bounded, as one socket may send 60 messages at once
 * (the gateway's bucket) and a reconnect subscribes everything again.
 */
const MAX_GROUP_STREAMS = 10;
const MAX_TOPIC_STREAMS = 25;

/**
 * The start page ("Übersicht") in one answer: unread threads in the caller's groups, their unread notifications,
 * the drafts that concern them. Every thread and draft in it is one the access policy lets them read now.
 */
@Injectable()
export class OverviewService {
  constructor(
    private readonly queries: OverviewQueries,
    private readonly policy: AccessPolicy,
    private readonly notifications: NotificationsService,
  ) {}

  async of(caller: Caller): Promise<Overview> {
    const [groups, threads, drafts, notices, unread, topics] = await Promise.all([
      this.queries.groups(caller.id),
      this.queries.unreadThreads(caller.id, THREADS + 1),
      this.queries.drafts(caller.id, DRAFTS + 1),
      this.notifications.list(caller, { unread: true, limit: NOTIFICATIONS }),
      this.notifications.unreadCount(caller),
      this.queries.activeTopics(caller.id, MAX_TOPIC_STREAMS),
    ]);
    const [readableThreads, readableDrafts] = await Promise.all([
      this.readable(caller, 'thread', threads.slice(0, THREADS)),
      this.readable(caller, 'draft', drafts.slice(0, DRAFTS)),
    ]);
    const streams = [
      streamName('user', caller.id),
      ...groups.slice(0, MAX_GROUP_STREAMS).map((g) => streamName('group', g.id)),
      ...topics.map((id) => streamName('topic', id)),
    ];
    return {
      groups,
      threads: { items: readableThreads, more: threads.length > THREADS },
      notifications: { unreadCount: unread.count, items: notices.items },
      drafts: { items: readableDrafts, more: drafts.length > DRAFTS },
      streams,
    };
  }

  /** The items the caller may read now (the policy batches the lookups of one tick into one statement). */
  private async readable<T extends { id: string }>(
    caller: Caller,
    kind: 'thread' | 'draft',
    items: T[],
  ): Promise<T[]> {
    const answers = await Promise.all(items.map((item) => this.policy.canRead(caller, kind, item.id)));
    return items.filter((_, i) => answers[i] === 'ok');
  }
}
