import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Caller } from '@runde/identity';
import { AppError } from '@runde/platform';

export type OrgRole = 'admin' | 'member' | 'deputy';

/** Who the caller is to the needs radar. */
export interface NeedsViewer {
  userId: string;
  /** Platform admins and the ministry's confirmed people: every released report, every entry. */
  ministry: boolean;
  /** Platform admins and the ministry's admins: define rounds, configure rules. */
  steer: boolean;
  /** The caller's confirmed organisations with their role. */
  orgs: Map<string, OrgRole>;
}

/**
 * Who may see and do what with needs reports: a district sees its own reports (also while drafting) and what
 * others released for the whole network; the ministry sees every released report; unreleased reports stay inside
 * their organisation. Rounds are defined by platform admins and the ministry's admins.
 */
@Injectable()
export class NeedsAccess {
  constructor(private readonly dataSource: DataSource) {}

  async viewer(caller: Caller, manager: EntityManager = this.dataSource.manager): Promise<NeedsViewer> {
    const rows: Array<{ organisation_id: string; role: OrgRole; kind: string }> = await manager.query(
      `SELECT m.organisation_id, m.role, o.kind FROM organisation_members m
         JOIN organisations o ON o.id = m.organisation_id
        WHERE m.user_id = $1 AND m.status = 'confirmed'`,
      [caller.id],
    );
    const ministry = caller.isAdmin || rows.some((r) => r.kind === 'ministry');
    const steer = caller.isAdmin || rows.some((r) => r.kind === 'ministry' && r.role === 'admin');
    return {
      userId: caller.id,
      ministry,
      steer,
      orgs: new Map(rows.map((r) => [r.organisation_id, r.role])),
    };
  }

  assertSteer(viewer: NeedsViewer): void {
    if (!viewer.steer) {
      throw AppError.forbidden(
        'Only platform admins and the ministry’s admins define needs rounds and rules',
      ).because('NOT_STEERING');
    }
  }

  /**
   * Whether the viewer may see a signal, as the radar lists them: the ministry (and platform admins) every one, the
   * network's confirmed people those not kept to the ministry, nobody else.
   */
  maySeeSignal(viewer: NeedsViewer, signal: { ministryOnly: boolean }): boolean {
    return viewer.ministry || (viewer.orgs.size > 0 && !signal.ministryOnly);
  }

  /** Which of these signals the caller may see now (a notice about one stays readable only while it may). */
  async visibleSignals(caller: Caller, ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const viewer = await this.viewer(caller);
    const rows: Array<{ id: string; ministry_only: boolean }> = await this.dataSource.query(
      `SELECT id, ministry_only FROM needs_signals WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Set(
      rows.filter((r) => this.maySeeSignal(viewer, { ministryOnly: r.ministry_only })).map((r) => r.id),
    );
  }

  /** Someone who may see the radar at all: a confirmed person of some organisation, or a platform admin. */
  assertNetwork(viewer: NeedsViewer): void {
    if (!viewer.ministry && !viewer.orgs.size) {
      throw AppError.forbidden(
        'The needs radar is for the network’s organisations; ask to be confirmed in yours',
      ).because('NOT_IN_ORGANISATION');
    }
  }

  /** Acting for an organisation: its confirmed people draft; admins and deputies release. */
  assertActs(viewer: NeedsViewer, orgId: string, release = false): void {
    const role = viewer.orgs.get(orgId);
    if (!role) {
      throw AppError.forbidden('Only confirmed people of this organisation act for it').because(
        'NOT_IN_ORGANISATION',
      );
    }
    if (release && role !== 'admin' && role !== 'deputy') {
      throw AppError.forbidden(
        'Only the organisation’s admins and deputies release its report (Mitzeichnung)',
      ).because('RELEASE_NOT_ALLOWED');
    }
  }
}
