import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AppError, GroupCommit, prepared } from '@runde/platform';
import type { Caller, OrganisationView, PersonView, UserView } from './auth/caller';
import { OrganisationEntity } from './entities/organisation.entity';
import { UserEntity } from './entities/user.entity';

/** The hint shown with an organisation's name: "Landkreis · Regierungsbezirk Tübingen". */
export function organisationDetail(org: { kind: string; regierungsbezirk: string | null }): string | null {
  const parts = [
    org.kind === 'Stadtkreis' || org.kind === 'Landkreis' ? org.kind : null,
    org.regierungsbezirk ? `Regierungsbezirk ${org.regierungsbezirk}` : null,
  ].filter((p): p is string => !!p);
  return parts.length ? parts.join(' · ') : null;
}

/**
 * A person's organisation as shown next to their name. `users.organisation_id` holds only a confirmed one, so
 * whatever is shown is verified.
 */
export function organisationView(org: OrganisationEntity | null | undefined): OrganisationView | null {
  return org
    ? { id: org.id, name: org.name, kind: org.kind, detail: organisationDetail(org), verified: true }
    : null;
}

export function userView(user: UserEntity): UserView {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    isAdmin: user.isAdmin,
    organisation: organisationView(user.organisation),
    locale: user.locale,
  };
}

/** A caller for an account loaded as an entity (for asking the access policy about someone other than the caller). */
export function callerOf(user: UserEntity): Caller {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    isAdmin: user.isAdmin,
    organisationId: user.organisationId,
  };
}

export function personView(user: UserEntity | null | undefined, id: string): PersonView {
  if (!user || user.deletedAt) return { id, displayName: null, organisation: null, deleted: true };
  return {
    id: user.id,
    displayName: user.displayName,
    organisation: organisationView(user.organisation),
    deleted: false,
  };
}

interface CallerRow {
  id: string;
  email: string;
  display_name: string;
  is_admin: boolean;
  organisation_id: string | null;
  deleted_at: Date | null;
  org_name: string | null;
  org_kind: string | null;
  org_regierungsbezirk: string | null;
  /** False when the access token's sign-in (refresh-token family) has ended: signed out, or all revoked. */
  session_live: boolean;
}

/** A caller to look up: the account, and the sign-in its access token belongs to (null: none named). */
interface CallerKey {
  id: string;
  sessionId: string | null;
}

const CALLER_COLUMNS = `u.id, u.email, u.display_name, u.is_admin, u.organisation_id, u.deleted_at,
              o.name AS org_name, o.kind AS org_kind, o.regierungsbezirk AS org_regierungsbezirk`;
const CALLER_FROM = `FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id`;
/** A sign-in is live while one of its refresh tokens is not revoked (an index probe on the family). */
const sessionLive = (sid: string) =>
  `(${sid} IS NULL OR EXISTS (SELECT 1 FROM refresh_tokens r
     WHERE r.family_id = ${sid} AND r.user_id = u.id AND r.revoked_at IS NULL)) AS session_live`;

/** Reads accounts: the caller behind a token, user views, and how people are shown next to their content. */
@Injectable()
export class UsersService {
  /**
   * Every request and socket handshake reads its caller. The lookups of one tick go to PostgreSQL as one
   * statement, so under load a round trip serves many requests (each one still reads the account as it is
   * now: a lookup waits at most for the one in flight, never for a cached answer).
   */
  private readonly callerLookups = new GroupCommit<CallerKey, CallerRow | null>({
    write: (ids) => this.callerRows(ids),
    maxBatch: 200,
    maxInFlight: 2,
    logger: new Logger(UsersService.name),
    what: 'caller lookups',
  });

  constructor(private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(UserEntity);
  }

  /**
   * The live caller for a user id from a token; 401 when the account is gone, or when the token's sign-in
   * (`sessionId`, its refresh-token family) has ended. Runs on every request and socket handshake, so it is one
   * plain statement (account, organisation and sign-in), not an entity load.
   */
  async caller(userId: string, sessionId: string | null = null): Promise<Caller> {
    const user = await this.callerLookups.submit({ id: userId, sessionId });
    if (!user || user.deleted_at) throw AppError.unauthorized('Account no longer exists');
    if (!user.session_live)
      throw AppError.unauthorized('This sign-in has ended; please sign in again').because('SESSION_ENDED');
    return {
      id: user.id,
      email: user.email,
      displayName: user.display_name,
      isAdmin: user.is_admin,
      organisationId: user.organisation_id,
      organisation:
        user.organisation_id && user.org_name !== null
          ? {
              id: user.organisation_id,
              name: user.org_name,
              kind: user.org_kind!,
              detail: organisationDetail({
                kind: user.org_kind!,
                regierungsbezirk: user.org_regierungsbezirk,
              }),
              verified: true,
            }
          : null,
      sessionId,
    };
  }

  /** The caller rows for the keys, in their order (null: no such account). */
  private async callerRows(keys: CallerKey[]): Promise<Array<CallerRow | null>> {
    if (keys.length === 1) {
      const rows = await prepared<CallerRow>(
        this.dataSource,
        `SELECT ${CALLER_COLUMNS}, ${sessionLive('$2::uuid')} ${CALLER_FROM} WHERE u.id = $1`,
        [keys[0].id, keys[0].sessionId],
      );
      return [rows[0] ?? null];
    }
    // One row per key (an account may come twice, with two sign-ins), numbered in the keys' order.
    const rows = await prepared<CallerRow & { ord: string }>(
      this.dataSource,
      `SELECT k.ord, ${CALLER_COLUMNS}, ${sessionLive('k.sid')} ${CALLER_FROM}
         JOIN unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS k(id, sid, ord) ON k.id = u.id`,
      [keys.map((k) => k.id), keys.map((k) => k.sessionId)],
    );
    const found: Array<CallerRow | null> = keys.map(() => null);
    for (const { ord, ...row } of rows) found[Number(ord) - 1] = row;
    return found;
  }

  async view(userId: string): Promise<UserView> {
    const user = await this.repo.findOne({ where: { id: userId }, relations: { organisation: true } });
    if (!user || user.deletedAt) throw AppError.notFound('User');
    return userView(user);
  }

  async findActive(userId: string): Promise<UserEntity | null> {
    const user = await this.repo.findOne({ where: { id: userId }, relations: { organisation: true } });
    return user && !user.deletedAt ? user : null;
  }

  /**
   * People by id, for showing authors and members (deleted accounts included, shown as such).
   * Inside a transaction pass its manager: a second pool connection while holding locks can starve the pool.
   */
  async people(
    ids: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, PersonView>> {
    const unique = [...new Set(ids)];
    const users = unique.length
      ? await manager.find(UserEntity, { where: { id: In(unique) }, relations: { organisation: true } })
      : [];
    const byId = new Map(users.map((u) => [u.id, u]));
    return new Map(unique.map((id) => [id, personView(byId.get(id), id)]));
  }
}
