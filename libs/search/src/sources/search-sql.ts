/** The parameters every search query binds, in this order. Sources refer to them only through these names. */
export const SEARCH_SQL = {
  /** the caller's query, as a tsquery */
  query: '$1::tsquery',
  callerId: '$2::uuid',
  isAdmin: '$3::boolean',
  /** the groupId filter, or null */
  groupId: '$4::uuid',
} as const;

/**
 * What the caller may read, for a row of `topics` aliased `topic`, narrowed to the groupId filter. The same rule
 * as `decide()` in @runde/groups, set-based: platform admins read everything, members of the topic's group (any
 * role) read its topics, every signed-in person reads `network` topics.
 */
export function readableTopic(topic: string): string {
  const { callerId, isAdmin, groupId } = SEARCH_SQL;
  return `(${isAdmin}
      OR ${topic}.visibility = 'network'
      OR EXISTS (SELECT 1 FROM group_members gm WHERE gm.group_id = ${topic}.group_id AND gm.user_id = ${callerId}))
    AND (${groupId} IS NULL OR ${topic}.group_id = ${groupId})`;
}
