import type { AccessNarrowing } from '@runde/groups';

/**
 * Which sockets to re-check after access may have shrunk: a person's (removed from a group, role changed, account
 * erased), a stream's (a thread moved) or a topic's streams (the topic made group-only). Sent to every api process
 * over the socket.io Redis adapter (`serverSideEmit`) by the process that committed the change, and by the worker
 * (the Redis emitter) for events its sweep delivers: whoever delivers an event also revokes what it takes away.
 */
export type RecheckFilter = { userId: string } | { streams: string[] } | { topicId: string };

export const RECHECK_EVENT = 'runde:recheck';

export function recheckFilterOf(narrowed: AccessNarrowing): RecheckFilter {
  if ('userId' in narrowed) return { userId: narrowed.userId };
  if ('stream' in narrowed) return { streams: [narrowed.stream] };
  if ('groupId' in narrowed) return { streams: [`group:${narrowed.groupId}`] };
  return { topicId: narrowed.topicId };
}
