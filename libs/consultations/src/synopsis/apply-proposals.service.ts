import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DraftStatus } from '@runde/events';
import { assertMayEditText, DraftWriter, editModeFor, editorRoleOf, type DraftRules } from '@runde/drafts';
import { AccessPolicy, type Role } from '@runde/groups';
import type { Caller } from '@runde/identity';
import { AppError, ErrorCode } from '@runde/platform';
import { readDoc, updateTo } from '@runde/richtext';
import { ConsultationsService } from '../consultations.service';
import { ConsultedTexts } from './consulted-text';
import {
  applyTracked,
  locate,
  SKIP_MESSAGES,
  type Proposal,
  type Skip,
  type Target,
} from './proposal-targets';

export interface ProposalsApplied {
  draftId: string;
  /** The draft's version with the proposals in it. */
  version: number;
  applied: Array<{ commentId: string; organisationId: string; randnummer: string | null; changeKey: string }>;
  skipped: Array<{ commentId: string; reason: string; message: string }>;
}

interface Candidate extends Proposal {
  organisationId: string;
  assessment: string | null;
  applied: boolean;
}

/**
 * After the close, the round's owners put the proposed wordings they adopted (wholly or partly) into the draft in
 * one step, as tracked changes of their own — the old text marked deleted, the proposal inserted, one change per
 * point (its id the point's) — for the group to accept or reject with the draft's decisions. One edit of the
 * draft; which points went in is recorded in the same transaction, so none goes in twice.
 */
@Injectable()
export class ApplyProposalsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly consultations: ConsultationsService,
    private readonly policy: AccessPolicy,
    private readonly texts: ConsultedTexts,
    private readonly writer: DraftWriter,
  ) {}

  async apply(caller: Caller, id: string, commentIds?: string[]): Promise<ProposalsApplied> {
    const { round, standing } = await this.consultations.readable(caller, id);
    if (!standing.owner) {
      throw AppError.forbidden('Only the round’s owners apply proposals to the draft').because('NOT_OWNER');
    }
    if (round.status !== 'closed') {
      throw AppError.conflict('Proposals are applied once the round has closed').because('ROUND_OPEN');
    }
    const draftId = round.draftId;
    const consulted = await this.texts.of(round);
    if (!draftId || !consulted) {
      throw AppError.conflict('The round was not held on a draft').because('NO_DRAFT');
    }
    const access = await this.policy.assert(caller, 'read', 'draft', draftId, 'Draft');
    const role = editorRoleOf(access);
    admitProposals(await this.rules(draftId), role); // early and clear; checked again under the draft's lock
    const { proposals, skipped } = await this.candidates(id, commentIds);
    const at = new Date().toISOString();
    let targets: Target[] = [];
    const { changed, result } = await this.writer.edit(
      draftId,
      caller.id,
      (live) => {
        const doc = readDoc(live.doc);
        const located = locate(consulted, doc, proposals);
        targets = located.targets;
        skipped.push(...located.skipped);
        if (!targets.length) return null;
        const next = applyTracked(
          doc,
          targets.map((t) => ({ ...t, changeId: t.commentId })),
          caller.id,
          at,
        );
        return updateTo(live.doc, next);
      },
      async (tx, committed) => {
        const rows: unknown[] = await tx.manager.query(
          `INSERT INTO consultation_applied_proposals
                  (comment_id, consultation_id, draft_id, change_key, draft_version, applied_by, applied_at)
           SELECT t.comment_id, $1, $2, t.comment_id::text || '~' || $4::uuid::text, $3, $4::uuid, $5
             FROM unnest($6::uuid[]) AS t(comment_id)
           ON CONFLICT (comment_id) DO NOTHING RETURNING comment_id`,
          [id, draftId, committed.version, caller.id, at, targets.map((t) => t.commentId)],
        );
        if (rows.length !== targets.length) {
          throw AppError.conflict(
            'Some of these proposals were applied meanwhile; nothing was changed, try again',
          ).because('ALREADY_APPLIED');
        }
        return committed.version;
      },
      { admit: (rules) => admitProposals(rules, role) },
    );
    const report = skipped.map((s) => ({ ...s, message: SKIP_MESSAGES[s.reason] }));
    if (!changed || result === undefined) {
      throw AppError.conflict('There is no proposal to apply', report).because('NOTHING_TO_APPLY');
    }
    const orgOf = new Map(proposals.map((p) => [p.commentId, p.organisationId]));
    return {
      draftId,
      version: result,
      applied: targets.map((t) => ({
        commentId: t.commentId,
        organisationId: orgOf.get(t.commentId)!,
        randnummer: t.randnummer,
        changeKey: `${t.commentId}~${caller.id}`,
      })),
      skipped: report,
    };
  }

  /**
   * The points to apply: those named (each must be a point of an organisation's current released statement,
   * assessed adopted or partly, not applied yet), or by default every such point with a proposed wording; in the
   * Synopse's order (organisations by Kreisschlüssel, points as written).
   */
  private async candidates(
    id: string,
    commentIds: string[] | undefined,
  ): Promise<{ proposals: Candidate[]; skipped: Skip[] }> {
    const rows: Array<{
      id: string;
      organisation_id: string;
      randnummer: string | null;
      anchor_from: number | null;
      anchor_to: number | null;
      proposed_wording: string | null;
      assessment: string | null;
      applied: boolean;
    }> = await this.dataSource.query(
      `SELECT c.id, c.organisation_id, c.randnummer, c.anchor_from, c.anchor_to, c.proposed_wording, c.assessment,
              (a.comment_id IS NOT NULL) AS applied
         FROM consultation_comments c
         JOIN (SELECT DISTINCT ON (organisation_id) id FROM consultation_statements
                WHERE consultation_id = $1 AND status <> 'drafting'
                ORDER BY organisation_id, created_at DESC) s ON s.id = c.statement_id
         JOIN organisations o ON o.id = c.organisation_id
         LEFT JOIN consultation_applied_proposals a ON a.comment_id = c.id
        WHERE c.consultation_id = $1 AND ($2::uuid[] IS NULL OR c.id = ANY($2::uuid[]))
        ORDER BY o.kreisschluessel NULLS FIRST, o.name, c.ord`,
      [id, commentIds ?? null],
    );
    const all: Candidate[] = rows.map((r) => ({
      commentId: r.id,
      organisationId: r.organisation_id,
      randnummer: r.randnummer,
      anchorFrom: r.anchor_from,
      anchorTo: r.anchor_to,
      proposedWording: r.proposed_wording,
      assessment: r.assessment,
      applied: r.applied,
    }));
    const adopted = (c: Candidate) => c.assessment === 'adopted' || c.assessment === 'partly';
    if (!commentIds) {
      return { proposals: all.filter((c) => adopted(c) && c.proposedWording && !c.applied), skipped: [] };
    }
    const known = new Set(all.map((c) => c.commentId));
    const skipped: Skip[] = [...new Set(commentIds)]
      .filter((c) => !known.has(c))
      .map((commentId) => ({ commentId, reason: 'not_found' }));
    const proposals: Candidate[] = [];
    for (const c of all) {
      if (!adopted(c)) skipped.push({ commentId: c.commentId, reason: 'not_adopted' });
      else if (c.applied) skipped.push({ commentId: c.commentId, reason: 'already_applied' });
      else proposals.push(c);
    }
    return { proposals, skipped };
  }

  private async rules(draftId: string): Promise<DraftRules> {
    const rows: Array<{
      status: DraftStatus;
      edit_policy: DraftRules['editPolicy'];
      consultation_deadline: Date | null;
    }> = await this.dataSource.query(
      `SELECT status, edit_policy, consultation_deadline FROM drafts WHERE id = $1`,
      [draftId],
    );
    if (!rows.length) throw AppError.notFound('Draft');
    return {
      status: rows[0].status,
      editPolicy: rows[0].edit_policy,
      consultationDeadline: rows[0].consultation_deadline,
    };
  }
}

/**
 * Proposals go into a draft whose text is open (draft, revision) and which the caller may change there — directly
 * or by suggesting, as the inserted text is their tracked change either way.
 */
function admitProposals(rules: DraftRules, role: Role | null): void {
  if (rules.status !== 'draft' && rules.status !== 'revision') {
    throw new AppError(
      ErrorCode.DraftLocked,
      `The draft is ${rules.status}: proposals are applied while it is in revision (or draft); change its status first`,
    ).because('DRAFT_NOT_OPEN');
  }
  const mode = editModeFor(rules.status, role, rules.editPolicy, rules.consultationDeadline);
  if (mode !== 'edit' && mode !== 'suggest') assertMayEditText(rules.status, mode);
}
