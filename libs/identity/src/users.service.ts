import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AppError, GroupCommit, prepared } from '@runde/platform';
import type { Caller, OrganisationView, PersonView, UserView } from './auth/caller';
import { OrganisationEntity } from './entities/organisation.entity';
import { UserEntity } from './entities/user.entity';

export function organisationView(org: OrganisationEntity | null | undefined): OrganisationView | null {
  return org ? { id: org.id, name: org.name, kind: org.kind, detail: org.detail } : null;
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
  org_detail: string | null;
}

const CALLER_COLUMNS = `u.id, u.email, u.display_name, u.is_admin, u.organisation_id, u.deleted_at,
              o.name AS org_name, o.kind AS org_kind, o.detail AS org_detail
         FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id`;

/** Reads accounts: the caller behind a token, user views, and how people are shown next to their content. */
@Injectable()
export class UsersService {
  /**
   * Every request and socket handshake reads its caller. The lookups of one tick go to PostgreSQL as one
   * statement, so under load a round trip serves many requests (each one still reads the account as it is
   * now: a lookup waits at most for the one in flight, never for a cached answer).
   */
  private readonly callerLookups = new GroupCommit<string, CallerRow | null>({
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
   * The live caller for a user id from a token; 401 when the account is gone. Runs on every request and socket
   * handshake, so it is one plain statement (account and organisation), not an entity load.
   */
  async caller(userId: string): Promise<Caller> {
    const user = await this.callerLookups.submit(userId);
    if (!user || user.deleted_at) throw AppError.unauthorized('Account no longer exists');
    return {
      id: user.id,
      email: user.email,
      displayName: user.display_name,
      isAdmin: user.is_admin,
      organisationId: user.organisation_id,
      organisation:
        user.organisation_id && user.org_name !== null
          ? { id: user.organisation_id, name: user.org_name, kind: user.org_kind!, detail: user.org_detail }
          : null,
    };
  }

  /** The caller rows for ids, in their order (null: no such account). */
  private async callerRows(ids: string[]): Promise<Array<CallerRow | null>> {
    if (ids.length === 1) {
      const rows = await prepared<CallerRow>(
        this.dataSource,
        `SELECT ${CALLER_COLUMNS} WHERE u.id = $1`,
        ids,
      );
      return [rows[0] ?? null];
    }
    const rows = await prepared<CallerRow>(
      this.dataSource,
      `SELECT ${CALLER_COLUMNS} WHERE u.id = ANY($1::uuid[])`,
      [ids],
    );
    // PostgreSQL reads a UUID in either case and answers in lower case, as the one-key statement matches.
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
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
