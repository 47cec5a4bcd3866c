import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, GroupCommit, prepared } from '@runde/platform';
import type { Caller } from '@runde/identity';
import { MembershipEntity, type Role } from '../entities/membership.entity';

export type Visibility = 'group' | 'network';
export type ResourceKind = 'group' | 'topic' | 'thread' | 'draft' | 'post';
export type Action = 'read' | 'write' | 'moderate' | 'manageMembers' | 'grantRoles';

/** Where a resource lives: its group and how far it can be seen. */
export interface Scope {
  groupId: string;
  visibility: Visibility;
  /** Further columns the locator selected about the resource (e.g. a thread's `locked`), for its own domain. */
  facts?: Record<string, unknown>;
}

/**
 * Domains tell the policy where their resources live (topic → group and visibility, thread → topic, …) as one
 * SQL query with the resource id as `$1`, selecting `group_id` and `visibility` (and any further columns, which
 * come back as `scope.facts`). The policy wraps it so that scope and the caller's role come in one round trip.
 * `$1` may appear only where the id goes: for a batch of lookups the policy puts each key's id in its place.
 */
export type ScopeLocator = string;

interface LocateKey {
  id: string;
  userId: string | null;
}
type LocatedRow = Record<string, unknown>;

/**
 * Whose access an event may have narrowed, so that live channels re-check it: one person's (removed from a group,
 * role changed), one stream's (a thread moved), everything in a topic (its visibility changed) or in a group. The
 * one list of access-narrowing events: the realtime gateway re-checks read subscriptions from it, the draft channel
 * drops its cached write grants.
 */
export type AccessNarrowing =
  { userId: string } | { stream: string } | { topicId: string } | { groupId: string };

export function accessNarrowedBy(event: {
  type: string;
  stream: string;
  data: unknown;
}): AccessNarrowing | null {
  const data = event.data as { userId?: string; topic?: { id: string }; group?: { id: string } };
  switch (event.type) {
    case 'member.removed':
    case 'member.role_changed':
    case 'session.ended':
    case 'organisation.member_removed':
      return data.userId ? { userId: data.userId } : null;
    case 'thread.moved':
      return { stream: event.stream };
    case 'topic.updated':
      return data.topic ? { topicId: data.topic.id } : null;
    case 'group.updated':
      return data.group ? { groupId: data.group.id } : null;
    default:
      return null;
  }
}

export interface Access {
  role: Role | null;
  isAdmin: boolean;
  read: boolean;
  write: boolean;
  moderate: boolean;
  manageMembers: boolean;
  grantRoles: boolean;
}

const ROLE_RANK: Record<Role, number> = { observer: 1, member: 2, moderator: 3, owner: 4 };

/** The rules, as one pure function: what a caller with a role may do with a resource of a visibility. */
export function decide(caller: Pick<Caller, 'isAdmin'>, role: Role | null, visibility: Visibility): Access {
  const rank = role ? ROLE_RANK[role] : 0;
  const admin = caller.isAdmin;
  return {
    role,
    isAdmin: admin,
    read: admin || rank >= 1 || visibility === 'network',
    write: admin || rank >= 2 || visibility === 'network',
    moderate: admin || rank >= 3,
    manageMembers: admin || rank >= 3,
    grantRoles: admin || rank >= 4,
  };
}

/**
 * The one place that answers "may this caller read / write / moderate this group, topic, thread, draft".
 * REST controllers and the realtime gateway both ask it. What a caller may not read does not exist for them
 * (404); what they may read but not change is 403.
 */
@Injectable()
export class AccessPolicy {
  private readonly locators = new Map<ResourceKind, ScopeLocator>();
  private readonly topicContents = new Map<ResourceKind, string>();
  private readonly lookups = new Map<ResourceKind, GroupCommit<LocateKey, LocatedRow | null>>();
  private readonly logger = new Logger(AccessPolicy.name);

  constructor(private readonly dataSource: DataSource) {}

  /**
   * `inTopic`, for resources that have their own stream inside a topic: a query selecting their `id` with the
   * topic id as `$1`, so that a topic's visibility change re-checks their subscribers too.
   */
  registerLocator(kind: Exclude<ResourceKind, 'group'>, locator: ScopeLocator, inTopic?: string): void {
    this.locators.set(kind, locator);
    this.lookups.delete(kind);
    if (inTopic) this.topicContents.set(kind, inTopic);
  }

  /** The streams whose readers a topic's visibility decides: the topic's own and its threads' and drafts'. */
  async streamsInTopic(topicId: string): Promise<string[]> {
    const streams = [`topic:${topicId}`];
    for (const [kind, sql] of this.topicContents) {
      const rows = await this.dataSource.query<Array<{ id: string }>>(sql, [topicId]);
      for (const row of rows) streams.push(`${kind}:${row.id}`);
    }
    return streams;
  }

  async roleIn(userId: string, groupId: string): Promise<Role | null> {
    const row = await this.dataSource.getRepository(MembershipEntity).findOne({
      where: { groupId, userId },
      select: { role: true },
    });
    return row?.role ?? null;
  }

  async scopeOf(kind: ResourceKind, id: string): Promise<Scope | null> {
    return (await this.locate(kind, id, null))?.scope ?? null;
  }

  async accessTo(caller: Caller, scope: Scope): Promise<Access> {
    return decide(caller, await this.roleIn(caller.id, scope.groupId), scope.visibility);
  }

  /** Scope of a resource and, when a user is given, their role in its group: one statement. */
  private async locate(
    kind: ResourceKind,
    id: string,
    userId: string | null,
  ): Promise<{ scope: Scope; role: Role | null } | null> {
    const row = await this.lookupsOf(kind).submit({ id, userId });
    if (!row) return null;
    const { group_id, visibility, role__, ...facts } = row;
    return {
      scope: { groupId: group_id as string, visibility: visibility as Visibility, facts },
      role: (role__ as Role | null) ?? null,
    };
  }

  /**
   * Every request asks the policy at least once. The lookups of one tick for one kind of resource go to
   * PostgreSQL as one statement (each still reads the rows as they are now), so under load one round trip
   * answers many requests.
   */
  private lookupsOf(kind: ResourceKind): GroupCommit<LocateKey, LocatedRow | null> {
    let lookups = this.lookups.get(kind);
    if (!lookups) {
      const sql = kind === 'group' ? GROUP_LOCATOR : this.locators.get(kind);
      if (!sql) throw new Error(`No scope locator registered for ${kind}`);
      lookups = new GroupCommit({
        write: (keys) => this.locateRows(sql, keys),
        maxBatch: 200,
        maxInFlight: 2,
        logger: this.logger,
        what: `${kind} lookups`,
      });
      this.lookups.set(kind, lookups);
    }
    return lookups;
  }

  /** The located rows for keys, in their order (null: no such resource). */
  private async locateRows(locator: ScopeLocator, keys: LocateKey[]): Promise<Array<LocatedRow | null>> {
    if (keys.length === 1) {
      const rows = await prepared<LocatedRow>(
        this.dataSource,
        `SELECT s.*, (SELECT m.role FROM group_members m WHERE m.group_id = s.group_id AND m.user_id = $2) AS role__
           FROM (${locator}) s`,
        [keys[0].id, keys[0].userId],
      );
      return [rows[0] ?? null];
    }
    // The locator's `$1` becomes each key's id; ord says which key a row answers.
    const rows = await prepared<LocatedRow & { ord__: string }>(
      this.dataSource,
      `SELECT k.ord AS ord__, s.*,
              (SELECT m.role FROM group_members m WHERE m.group_id = s.group_id AND m.user_id = k.user_id) AS role__
         FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS k(id, user_id, ord)
        CROSS JOIN LATERAL (${locator.replace(/\$1\b/g, 'k.id')}) s`,
      [keys.map((k) => k.id), keys.map((k) => k.userId)],
    );
    const found: Array<LocatedRow | null> = keys.map(() => null);
    for (const { ord__, ...row } of rows) found[Number(ord__) - 1] ??= row;
    return found;
  }

  /** Checks one action on one resource; returns the caller's access (with scope) or throws 404 / 403. */
  async assert(
    caller: Caller,
    action: Action,
    kind: ResourceKind,
    id: string,
    notFoundName = kind[0].toUpperCase() + kind.slice(1),
  ): Promise<Access & { scope: Scope }> {
    const located = await this.locate(kind, id, caller.id);
    if (!located) throw AppError.notFound(notFoundName);
    const access = decide(caller, located.role, located.scope.visibility);
    if (!access.read) throw AppError.notFound(notFoundName);
    if (!access[action]) throw AppError.forbidden(forbiddenMessage(action));
    return { ...access, scope: located.scope };
  }

  /** For subscriptions: may the caller read this resource? Never throws for "no". */
  async canRead(caller: Caller, kind: ResourceKind, id: string): Promise<'ok' | 'not_found'> {
    const located = await this.locate(kind, id, caller.id);
    if (!located) return 'not_found';
    return decide(caller, located.role, located.scope.visibility).read ? 'ok' : 'not_found';
  }
}

const GROUP_LOCATOR = `SELECT id AS group_id, 'group'::text AS visibility FROM groups WHERE id = $1`;

function forbiddenMessage(action: Action): string {
  switch (action) {
    case 'write':
      return 'Observers may read but not write here';
    case 'moderate':
      return 'Only moderators and owners of the group may do this';
    case 'manageMembers':
      return 'Only moderators and owners may manage members';
    case 'grantRoles':
      return 'Only owners may grant this role';
    default:
      return 'You may not do this';
  }
}
