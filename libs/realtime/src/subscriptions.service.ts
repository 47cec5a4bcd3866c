import { Injectable } from '@nestjs/common';
import { EventStore, parseStream, StreamReaders } from '@runde/events';
import type { Envelope, RealtimeError } from '@runde/client';
import { PostsService } from '@runde/discussion';
import { AccessPolicy, type ResourceKind } from '@runde/groups';
import type { Caller } from '@runde/identity';

export const MAX_REPLAY = 1000;

/** The stream kinds whose readers the groups' access policy decides (the others register a StreamReaders rule). */
const POLICY_KINDS = new Set<string>(['thread', 'topic', 'draft', 'group']);

export type AccessDecision = { ok: true } | { ok: false; error: RealtimeError };

/** Who may subscribe to which stream, and what a subscriber missed. */
@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly policy: AccessPolicy,
    private readonly store: EventStore,
    private readonly posts: PostsService,
    private readonly readers: StreamReaders,
  ) {}

  async mayRead(caller: Caller, stream: string): Promise<AccessDecision> {
    const parsed = parseStream(stream);
    if (!parsed)
      return { ok: false, error: { code: 'VALIDATION_FAILED', message: 'stream must be <kind>:<uuid>' } };
    if (parsed.kind === 'user') {
      return parsed.id === caller.id.toLowerCase()
        ? { ok: true }
        : { ok: false, error: { code: 'FORBIDDEN', message: 'Only your own user stream' } };
    }
    if (parsed.kind === 'system')
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Not a public stream' } };
    const ruled = await this.readers.mayRead(caller, parsed.kind, parsed.id);
    if (ruled !== null)
      return ruled ? { ok: true } : { ok: false, error: { code: 'NOT_FOUND', message: 'No such stream' } };
    if (!POLICY_KINDS.has(parsed.kind))
      return { ok: false, error: { code: 'NOT_FOUND', message: 'No such stream' } };
    const verdict = await this.policy.canRead(caller, parsed.kind as ResourceKind, parsed.id);
    return verdict === 'ok'
      ? { ok: true }
      : { ok: false, error: { code: 'NOT_FOUND', message: 'No such stream' } };
  }

  /** The streams a topic's visibility decides (its own, its threads', its drafts'). */
  streamsInTopic(topicId: string): Promise<string[]> {
    return this.policy.streamsInTopic(topicId);
  }

  /**
   * Head and the events after `since`; `resync` when they cannot all be replayed (too many, or older ones were
   * pruned from the log: the first event after `since` is not `since + 1`). What the events show is what the
   * caller may see now (`currentView`), not what was stored when they happened.
   */
  async catchUp(
    caller: Caller,
    stream: string,
    since?: number,
  ): Promise<{ head: number; missed: Envelope[]; resync?: boolean }> {
    const { head, events } = await this.store.headAndAfter(
      stream,
      since ?? Number.MAX_SAFE_INTEGER,
      MAX_REPLAY,
    );
    if (since === undefined || since >= head) return { head, missed: [] };
    if (head - since > MAX_REPLAY) return { head, missed: [], resync: true };
    if (events.length === 0 || events[0].seq !== since + 1) return { head, missed: [], resync: true };
    return {
      head: Math.max(head, events.at(-1)!.seq),
      missed: await this.currentView(caller, stream, events),
    };
  }

  /**
   * The log keeps each event as it happened; a reader catching up sees each post as the REST API shows it to them
   * now: hidden (its text only for its author and moderators), deleted, in its current version, by an author who
   * may have erased their account since. The sequence numbers stay as they are.
   */
  private async currentView(caller: Caller, stream: string, events: Envelope[]): Promise<Envelope[]> {
    const parsed = parseStream(stream);
    if (parsed?.kind !== 'thread') return events;
    const postIds = events.flatMap((e) => {
      const post = (e.data as { post?: { id?: unknown } } | null)?.post;
      return typeof post?.id === 'string' ? [post.id] : [];
    });
    if (postIds.length === 0) return events;
    const current = await this.posts.currentViews(caller, parsed.id, postIds);
    return events.map((e) => {
      const data = e.data as { post?: { id: string } };
      if (!data?.post?.id) return e;
      const post = current.get(data.post.id);
      return {
        ...e,
        data: { ...data, post: post ?? { ...data.post, body: null, deleted: true } },
      } as Envelope;
    });
  }
}
