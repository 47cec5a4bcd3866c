import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import type {
  AddresseeChangePayload,
  AddresseePayload,
  ConsultationPayload,
  StatementPayload,
} from '@runde/events';
import { streamName, Transaction, UnitOfWork } from '@runde/events';
import { AccessPolicy } from '@runde/groups';
import { resolveOrganisations, type Caller } from '@runde/identity';
import { AppError, prepared } from '@runde/platform';
import { blocksOf, DraftWriter, type DraftBlock } from '@runde/drafts';
import { readDoc } from '@runde/richtext';
import type {
  AssessmentDto,
  CreateConsultationDto,
  PutStatementDto,
  StatementCommentDto,
} from './dto/consultations.dto';
import { AddresseeEntity } from './entities/addressee.entity';
import { ConsultationEntity, type Question } from './entities/consultation.entity';
import { StatementCommentEntity } from './entities/statement-comment.entity';
import { StatementEntity } from './entities/statement.entity';
import { ConsultationJobs } from './jobs/consultation-jobs';
import { OrganisationRoles, type OrgRole } from './organisation-roles';

/** What the caller is to a round: one of its owners, and/or a confirmed person of addressee organisations. */
export interface Standing {
  owner: boolean;
  /** The caller's addressee organisations in this round, with their role there. */
  orgs: Map<string, OrgRole>;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const MIN_LEAD_MS = 60_000;

/**
 * Consultation rounds: opening (owners and moderators of the group), statements drafted by the addressee
 * organisations' people and released by their admins or deputies (Mitzeichnung), Fehlanzeige, extensions, the
 * close at the deadline, publication and the owners' assessments. Every change is written with its events:
 * board changes on `consultation:<id>` (no statement content), statement content on `organisation:<id>` (that
 * organisation's people only).
 */
@Injectable()
export class ConsultationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly policy: AccessPolicy,
    private readonly roles: OrganisationRoles,
    private readonly jobs: ConsultationJobs,
    private readonly drafts: DraftWriter,
  ) {}

  /**
   * The consulted draft's blocks with their Randnummern and text, for everyone who may read the round: the
   * addressees' people need the text they comment on even when the draft's topic is for its group only.
   */
  async draftBlocks(
    caller: Caller,
    id: string,
  ): Promise<{ draftId: string; version: number; items: DraftBlock[] }> {
    const { round } = await this.readable(caller, id);
    if (!round.draftId) throw AppError.notFound('Draft');
    const draftId = round.draftId;
    return this.drafts.read(draftId, (live) => ({
      draftId,
      version: live.version,
      items: blocksOf(readDoc(live.doc)),
    }));
  }

  async create(caller: Caller, groupId: string, dto: CreateConsultationDto): Promise<ConsultationPayload> {
    await this.policy.assert(caller, 'moderate', 'group', groupId, 'Group');
    const deadline = new Date(dto.deadline);
    if (deadline.getTime() < Date.now() + MIN_LEAD_MS) {
      throw AppError.validation('The deadline must lie in the future', [
        { field: 'deadline', messages: ['must be at least a minute from now'] },
      ]).because('DEADLINE_PAST');
    }
    const questions = this.questions(dto);
    if (!dto.draftId && !questions.length) {
      throw AppError.validation('A round needs a draft in consultation, questions, or both', [
        { field: 'draftId', messages: ['give a draftId or questions'] },
      ]);
    }
    if (dto.draftId) await this.assertDraftInConsultation(groupId, dto.draftId);
    const orgIds = await resolveOrganisations(this.dataSource.manager, dto.addressees, 'addressees');
    const created = await this.uow.run(async (tx) => {
      const round = await tx.manager.save(
        tx.manager.create(ConsultationEntity, {
          groupId,
          draftId: dto.draftId ?? null,
          title: dto.title,
          kind: dto.kind,
          note: dto.note?.trim() || null,
          questions,
          deadline,
          remindDaysBefore: [...new Set(dto.remindDaysBefore ?? [7, 1])].sort((a, b) => b - a),
          status: 'open',
          publishedAt: null,
          closedAt: null,
          createdBy: caller.id,
        }),
      );
      await tx.manager.insert(
        AddresseeEntity,
        orgIds.map((organisationId) => ({
          consultationId: round.id,
          organisationId,
          deadline,
          status: 'not_started' as const,
          answeredAt: null,
          late: false,
        })),
      );
      const view = await this.view(round, { owner: true, orgs: new Map() }, tx.manager);
      tx.append(
        streamName('consultation', round.id),
        'consultation.opened',
        { consultation: view },
        caller.id,
      );
      for (const orgId of orgIds) {
        tx.append(
          streamName('organisation', orgId),
          'consultation.addressed',
          { consultation: this.forOrganisation(view, orgId) },
          caller.id,
        );
      }
      return { round, view };
    });
    await this.jobs.scheduleRound(created.round.id);
    return created.view;
  }

  async get(caller: Caller, id: string): Promise<ConsultationPayload> {
    const { round, standing } = await this.readable(caller, id);
    return this.view(round, standing);
  }

  /** The rounds of a group (its owners and moderators). */
  async listForGroup(caller: Caller, groupId: string): Promise<{ items: ConsultationPayload[] }> {
    await this.policy.assert(caller, 'moderate', 'group', groupId, 'Group');
    const rounds = await this.dataSource
      .getRepository(ConsultationEntity)
      .find({ where: { groupId }, order: { createdAt: 'DESC' }, take: 200 });
    return { items: await Promise.all(rounds.map((r) => this.view(r, { owner: true, orgs: new Map() }))) };
  }

  /** The rounds addressed to the caller's organisations, newest first. */
  async listMine(caller: Caller): Promise<{ items: ConsultationPayload[] }> {
    const orgs = await this.roles.of(caller.id);
    if (!orgs.size) return { items: [] };
    const rounds: ConsultationEntity[] = await this.dataSource
      .getRepository(ConsultationEntity)
      .createQueryBuilder('c')
      .where(
        `c.id IN (SELECT consultation_id FROM consultation_addressees WHERE organisation_id = ANY(:orgs))`,
        { orgs: [...orgs.keys()] },
      )
      .orderBy('c.created_at', 'DESC')
      .take(200)
      .getMany();
    return {
      items: await Promise.all(rounds.map(async (r) => this.view(r, await this.standing(caller, r, orgs)))),
    };
  }

  /** An organisation's current statement (its people; owners once released; every addressee after publication). */
  async statement(caller: Caller, id: string, orgId: string): Promise<StatementPayload> {
    const { round, standing } = await this.readable(caller, id);
    // Its own people read the current statement (a correction being drafted, say); the others what was released.
    const statement = standing.orgs.has(orgId)
      ? await this.current(id, orgId)
      : await this.dataSource.manager.findOne(StatementEntity, {
          where: { consultationId: id, organisationId: orgId, status: In(['released', 'nil_return']) },
          order: { createdAt: 'DESC' },
        });
    if (!statement) {
      if (standing.orgs.has(orgId)) return this.emptyStatement(id, orgId);
      throw AppError.notFound('Statement');
    }
    if (!this.maySeeStatement(round, standing, orgId, statement)) throw AppError.notFound('Statement');
    return this.statementView(statement);
  }

  /** The released statements the caller may read (owners: all; addressees: after publication). */
  async statements(caller: Caller, id: string): Promise<{ items: StatementPayload[] }> {
    const { round, standing } = await this.readable(caller, id);
    if (!standing.owner && !round.publishedAt) {
      const own = await Promise.all([...standing.orgs.keys()].map((o) => this.current(id, o)));
      return {
        items: await Promise.all(
          own.filter((s): s is StatementEntity => !!s).map((s) => this.statementView(s)),
        ),
      };
    }
    const rows = await this.dataSource.query(
      `SELECT DISTINCT ON (organisation_id) id FROM consultation_statements
        WHERE consultation_id = $1 AND status <> 'drafting'
        ORDER BY organisation_id, created_at DESC`,
      [id],
    );
    const statements = await this.dataSource
      .getRepository(StatementEntity)
      .findBy({ id: In(rows.map((r: { id: string }) => r.id)) });
    return { items: await Promise.all(statements.map((s) => this.statementView(s))) };
  }

  async putStatement(
    caller: Caller,
    id: string,
    orgId: string,
    dto: PutStatementDto,
  ): Promise<StatementPayload> {
    const { round, standing } = await this.readable(caller, id);
    if (!standing.orgs.has(orgId)) throw this.notActing(standing);
    this.checkAnswers(round.questions, dto);
    this.checkComments(dto.comments ?? []);
    return this.uow.run(async (tx) => {
      const addressee = await this.lockAddressee(tx.manager, id, orgId);
      this.assertOpenFor(round, addressee);
      let statement = await this.current(id, orgId, tx.manager);
      if (statement && statement.status !== 'drafting') {
        throw AppError.conflict(
          'The statement is released and final; start a correction to change it',
        ).because('STATEMENT_RELEASED');
      }
      if (statement && dto.version !== undefined && dto.version !== statement.version) {
        throw AppError.conflict('The statement changed since you loaded it; reload and apply your change', [
          await this.statementView(statement, tx.manager),
        ]).because('STALE_VERSION');
      }
      if (!statement) {
        statement = tx.manager.create(StatementEntity, {
          consultationId: id,
          organisationId: orgId,
          status: 'drafting',
          version: 0,
          general: '',
          answers: [],
          correctsId: null,
          late: false,
        });
      }
      if (dto.general !== undefined) statement.general = dto.general;
      if (dto.answers !== undefined) statement.answers = dto.answers.map((a) => ({ ...a }));
      statement.version += 1;
      statement.updatedBy = caller.id;
      statement.updatedAt = new Date();
      statement = await tx.manager.save(statement);
      if (dto.comments !== undefined) await this.replaceComments(tx.manager, statement, dto.comments);
      if (addressee.status === 'not_started') {
        addressee.status = 'drafting';
        await tx.manager.save(addressee);
        this.appendAddressee(tx, addressee, caller.id);
      }
      const view = await this.statementView(statement, tx.manager);
      tx.append(streamName('organisation', orgId), 'statement.updated', { statement: view }, caller.id);
      return view;
    });
  }

  /** A correction of a released statement: a new, linked statement to draft and release again. */
  async correct(caller: Caller, id: string, orgId: string): Promise<StatementPayload> {
    const { round, standing } = await this.readable(caller, id);
    if (!standing.orgs.has(orgId)) throw this.notActing(standing);
    return this.uow.run(async (tx) => {
      const addressee = await this.lockAddressee(tx.manager, id, orgId);
      this.assertOpenFor(round, addressee);
      const released = await this.current(id, orgId, tx.manager);
      if (!released || released.status !== 'released') {
        throw AppError.conflict('Only a released statement can be corrected').because('NOT_RELEASED');
      }
      const comments = await tx.manager.find(StatementCommentEntity, {
        where: { statementId: released.id },
        order: { ord: 'ASC' },
      });
      const statement = await tx.manager.save(
        tx.manager.create(StatementEntity, {
          consultationId: id,
          organisationId: orgId,
          status: 'drafting',
          version: 1,
          general: released.general,
          answers: released.answers,
          correctsId: released.id,
          updatedBy: caller.id,
          late: false,
        }),
      );
      await this.replaceComments(
        tx.manager,
        statement,
        comments.map((c) => ({
          anchor: c.randnummer
            ? { randnummer: c.randnummer }
            : c.anchorFrom !== null
              ? { from: c.anchorFrom, to: c.anchorTo! }
              : undefined,
          position: c.position,
          text: c.text,
          proposedWording: c.proposedWording ?? undefined,
        })),
      );
      const view = await this.statementView(statement, tx.manager);
      tx.append(streamName('organisation', orgId), 'statement.updated', { statement: view }, caller.id);
      return view;
    });
  }

  /** Mitzeichnung: the organisation's admin or a deputy releases the statement; released is final. */
  async release(caller: Caller, id: string, orgId: string): Promise<StatementPayload> {
    return this.answer(caller, id, orgId, 'released');
  }

  /** Fehlanzeige: nothing to report, in one step; it counts as an answer. */
  async nilReturn(caller: Caller, id: string, orgId: string): Promise<StatementPayload> {
    return this.answer(caller, id, orgId, 'nil_return');
  }

  async extend(caller: Caller, id: string, orgId: string, deadline: Date): Promise<ConsultationPayload> {
    const round = await this.round(id);
    await this.policy.assert(caller, 'moderate', 'group', round.groupId, 'Consultation');
    if (deadline.getTime() < Date.now() + MIN_LEAD_MS) {
      throw AppError.validation('The new deadline must lie in the future', [
        { field: 'deadline', messages: ['must be at least a minute from now'] },
      ]).because('DEADLINE_PAST');
    }
    await this.uow.run(async (tx) => {
      const addressee = await this.lockAddressee(tx.manager, id, orgId);
      if (addressee.status === 'released' || addressee.status === 'nil_return') {
        throw AppError.conflict('This organisation has answered already').because('ALREADY_ANSWERED');
      }
      addressee.deadline = deadline;
      await tx.manager.save(addressee);
      const change = this.change(addressee);
      tx.append(streamName('consultation', id), 'consultation.extended', change, caller.id);
      tx.append(streamName('organisation', orgId), 'consultation.extended', change, caller.id);
    });
    await this.jobs.scheduleAddressee(id, orgId);
    return this.get(caller, id);
  }

  /** Closes the round once its deadline has passed (the close job; idempotent). Returns whether it closed it. */
  async closeIfDue(id: string, now = new Date()): Promise<boolean> {
    return this.uow.run(async (tx) => {
      // prepared() gives the RETURNING rows (manager.query answers an UPDATE with [rows, count], never empty).
      const rows = await prepared<{ id: string }>(
        tx.manager,
        `UPDATE consultations SET status = 'closed', closed_at = $2
          WHERE id = $1 AND status = 'open' AND deadline <= $2 RETURNING id`,
        [id, now],
      );
      if (!rows.length) return false;
      const data = { consultationId: id, closedAt: now.toISOString() };
      tx.append(streamName('consultation', id), 'consultation.closed', data, null);
      const orgs: Array<{ organisation_id: string }> = await tx.manager.query(
        `SELECT organisation_id FROM consultation_addressees WHERE consultation_id = $1`,
        [id],
      );
      for (const o of orgs)
        tx.append(streamName('organisation', o.organisation_id), 'consultation.closed', data, null);
      return true;
    });
  }

  /** After the close, the owners publish the statements to all addressees. */
  async publish(caller: Caller, id: string): Promise<ConsultationPayload> {
    const round = await this.round(id);
    await this.policy.assert(caller, 'moderate', 'group', round.groupId, 'Consultation');
    await this.uow.run(async (tx) => {
      const rows = await prepared<{ published_at: Date }>(
        tx.manager,
        `UPDATE consultations SET published_at = now()
          WHERE id = $1 AND status = 'closed' AND published_at IS NULL RETURNING published_at`,
        [id],
      );
      if (!rows.length) {
        throw AppError.conflict(
          round.status === 'open' ? 'The round is still open' : 'The statements are published already',
        ).because(round.status === 'open' ? 'ROUND_OPEN' : 'ALREADY_PUBLISHED');
      }
      const data = { consultationId: id, publishedAt: rows[0].published_at.toISOString() };
      tx.append(streamName('consultation', id), 'consultation.published', data, caller.id);
      const orgs: Array<{ organisation_id: string }> = await tx.manager.query(
        `SELECT organisation_id FROM consultation_addressees WHERE consultation_id = $1`,
        [id],
      );
      for (const o of orgs)
        tx.append(streamName('organisation', o.organisation_id), 'consultation.published', data, caller.id);
    });
    return this.get(caller, id);
  }

  /** The owners' assessment of one point of a released statement (after close). */
  async assess(caller: Caller, id: string, commentId: string, dto: AssessmentDto) {
    const round = await this.round(id);
    await this.policy.assert(caller, 'moderate', 'group', round.groupId, 'Consultation');
    if (round.status !== 'closed') {
      throw AppError.conflict('Assessments are entered after the round has closed').because('ROUND_OPEN');
    }
    return this.uow.run(async (tx) => {
      const rows: StatementCommentEntity[] = await tx.manager.query(
        `SELECT c.id FROM consultation_comments c JOIN consultation_statements s ON s.id = c.statement_id
          WHERE c.id = $1 AND c.consultation_id = $2 AND s.status = 'released' FOR UPDATE OF c`,
        [commentId, id],
      );
      if (!rows.length) throw AppError.notFound('Comment');
      const comment = await tx.manager.findOneByOrFail(StatementCommentEntity, { id: commentId });
      comment.assessment = dto.assessment;
      comment.assessmentReason = dto.reason?.trim() || null;
      comment.assessedBy = caller.id;
      comment.assessedAt = new Date();
      await tx.manager.save(comment);
      tx.append(
        streamName('consultation', id),
        'assessment.recorded',
        {
          consultationId: id,
          commentId,
          organisationId: comment.organisationId,
          assessment: dto.assessment,
          reason: comment.assessmentReason,
        },
        caller.id,
      );
      return {
        commentId,
        assessment: comment.assessment,
        reason: comment.assessmentReason,
        assessedBy: caller.id,
        assessedAt: comment.assessedAt.toISOString(),
      };
    });
  }

  // ——— reading and rules ———

  async round(id: string, manager: EntityManager = this.dataSource.manager): Promise<ConsultationEntity> {
    const round = await manager.findOneBy(ConsultationEntity, { id });
    if (!round) throw AppError.notFound('Consultation');
    return round;
  }

  /** The round and the caller's standing, or 404 when the caller is neither owner nor addressee. */
  async readable(caller: Caller, id: string): Promise<{ round: ConsultationEntity; standing: Standing }> {
    const round = await this.round(id);
    const standing = await this.standing(caller, round);
    if (!standing.owner && !standing.orgs.size) throw AppError.notFound('Consultation');
    return { round, standing };
  }

  async standing(caller: Caller, round: ConsultationEntity, mine?: Map<string, OrgRole>): Promise<Standing> {
    const owner = await this.policy.assert(caller, 'moderate', 'group', round.groupId, 'Group').then(
      () => true,
      () => false,
    );
    const orgs = mine ?? (await this.roles.of(caller.id));
    const addressed: Array<{ organisation_id: string }> = orgs.size
      ? await this.dataSource.query(
          `SELECT organisation_id FROM consultation_addressees WHERE consultation_id = $1 AND organisation_id = ANY($2)`,
          [round.id, [...orgs.keys()]],
        )
      : [];
    return { owner, orgs: new Map(addressed.map((a) => [a.organisation_id, orgs.get(a.organisation_id)!])) };
  }

  private maySeeStatement(
    round: ConsultationEntity,
    standing: Standing,
    orgId: string,
    statement: StatementEntity,
  ): boolean {
    if (standing.orgs.has(orgId)) return true;
    if (statement.status === 'drafting') return false;
    return standing.owner || !!round.publishedAt;
  }

  private async answer(
    caller: Caller,
    id: string,
    orgId: string,
    status: 'released' | 'nil_return',
  ): Promise<StatementPayload> {
    const { round, standing } = await this.readable(caller, id);
    const role = standing.orgs.get(orgId);
    if (!role) throw this.notActing(standing);
    if (role !== 'admin' && role !== 'deputy') {
      throw AppError.forbidden(
        'Only the organisation’s admins and deputies release its statement (Mitzeichnung)',
      ).because('RELEASE_NOT_ALLOWED');
    }
    return this.uow.run(async (tx) => {
      const addressee = await this.lockAddressee(tx.manager, id, orgId);
      this.assertOpenFor(round, addressee);
      let statement = await this.current(id, orgId, tx.manager);
      if (statement && statement.status !== 'drafting') {
        throw AppError.conflict('The statement is released and final').because('STATEMENT_RELEASED');
      }
      if (status === 'released') {
        if (!statement)
          throw AppError.conflict('There is no statement to release yet').because('NOTHING_TO_RELEASE');
        const comments = await tx.manager.countBy(StatementCommentEntity, { statementId: statement.id });
        if (!statement.general.trim() && !comments && !statement.answers.length) {
          throw AppError.conflict(
            'The statement is empty; write it first or answer with a Fehlanzeige',
          ).because('NOTHING_TO_RELEASE');
        }
      }
      const now = new Date();
      const late = now > addressee.deadline;
      if (!statement) {
        statement = tx.manager.create(StatementEntity, {
          consultationId: id,
          organisationId: orgId,
          version: 0,
          general: '',
          answers: [],
          correctsId: null,
        });
      } else if (status === 'nil_return') {
        // A Fehlanzeige says there is nothing to report: what was drafted does not go out with it.
        await tx.manager.delete(StatementCommentEntity, { statementId: statement.id });
        statement.general = '';
        statement.answers = [];
      }
      Object.assign(statement, {
        status,
        version: statement.version + 1,
        releasedBy: caller.id,
        releasedAt: now,
        late,
        updatedBy: caller.id,
        updatedAt: now,
      });
      statement = await tx.manager.save(statement);
      Object.assign(addressee, { status, answeredAt: now, late });
      await tx.manager.save(addressee);
      const change = { ...this.change(addressee), statementId: statement.id };
      tx.append(
        streamName('consultation', id),
        status === 'released' ? 'statement.released' : 'statement.nil_returned',
        change,
        caller.id,
      );
      const view = await this.statementView(statement, tx.manager);
      tx.append(streamName('organisation', orgId), 'statement.updated', { statement: view }, caller.id);
      return view;
    });
  }

  private assertOpenFor(round: ConsultationEntity, addressee: AddresseeEntity): void {
    // Open rounds take answers (late ones are marked late); after the close only an addressee whose own deadline
    // was extended beyond it may still answer, until that deadline.
    if (round.status === 'open') return;
    if (addressee.deadline > new Date() && round.closedAt && addressee.deadline > round.closedAt) return;
    throw AppError.conflict('The round is closed; answers are no longer taken').because('ROUND_CLOSED');
  }

  private notActing(standing: Standing): AppError {
    // Owners who are not in the organisation see the round but cannot act for it; nobody else learns it exists.
    return standing.owner || standing.orgs.size
      ? AppError.forbidden('Only confirmed people of this organisation act for it').because(
          'NOT_IN_ORGANISATION',
        )
      : AppError.notFound('Consultation');
  }

  private async lockAddressee(manager: EntityManager, id: string, orgId: string): Promise<AddresseeEntity> {
    const rows: Array<{ consultation_id: string }> = await manager.query(
      `SELECT consultation_id FROM consultation_addressees WHERE consultation_id = $1 AND organisation_id = $2 FOR UPDATE`,
      [id, orgId],
    );
    if (!rows.length) throw AppError.notFound('Addressee');
    return manager.findOneByOrFail(AddresseeEntity, { consultationId: id, organisationId: orgId });
  }

  async current(id: string, orgId: string, manager: EntityManager = this.dataSource.manager) {
    return manager.findOne(StatementEntity, {
      where: { consultationId: id, organisationId: orgId },
      order: { createdAt: 'DESC' },
    });
  }

  private async assertDraftInConsultation(groupId: string, draftId: string): Promise<void> {
    const rows: Array<{ status: string }> = await this.dataSource.query(
      `SELECT status FROM drafts WHERE id = $1 AND group_id = $2`,
      [draftId, groupId],
    );
    if (!rows.length) {
      throw AppError.validation('No such draft in this group', [
        { field: 'draftId', messages: ['unknown draft'] },
      ]);
    }
    if (rows[0].status !== 'consultation') {
      throw AppError.conflict('The draft must be in consultation to be heard on').because(
        'DRAFT_NOT_IN_CONSULTATION',
      );
    }
  }

  private questions(dto: CreateConsultationDto): Question[] {
    const seen = new Set<string>();
    return (dto.questions ?? []).map((q, i) => {
      const id = q.id ?? `q${i + 1}`;
      if (seen.has(id)) {
        throw AppError.validation('Question ids must be unique', [
          { field: `questions[${i}].id`, messages: ['duplicate id'] },
        ]);
      }
      seen.add(id);
      if (q.type === 'choice' && (!q.options || q.options.length < 2)) {
        throw AppError.validation('A choice question needs at least two options', [
          { field: `questions[${i}].options`, messages: ['at least two options'] },
        ]);
      }
      return { id, text: q.text, type: q.type, options: q.type === 'choice' ? q.options! : null };
    });
  }

  private checkAnswers(questions: Question[], dto: PutStatementDto): void {
    const byId = new Map(questions.map((q) => [q.id, q]));
    const seen = new Set<string>();
    for (const [i, a] of (dto.answers ?? []).entries()) {
      const q = byId.get(a.questionId);
      const field = `answers[${i}].value`;
      const bad = (message: string) =>
        AppError.validation(`Answer ${i + 1}: ${message}`, [{ field, messages: [message] }]);
      if (!q) {
        throw AppError.validation(`Answer ${i + 1}: no such question`, [
          { field: `answers[${i}].questionId`, messages: ['unknown question'] },
        ]);
      }
      if (seen.has(q.id)) throw bad('answered twice');
      seen.add(q.id);
      if (q.type === 'text' && (typeof a.value !== 'string' || a.value.length > 20_000))
        throw bad('must be text');
      if (q.type === 'yesno' && typeof a.value !== 'boolean') throw bad('must be true or false');
      if (q.type === 'number' && (typeof a.value !== 'number' || !Number.isFinite(a.value)))
        throw bad('must be a number');
      if (q.type === 'choice' && !q.options!.includes(a.value as string))
        throw bad('must be one of the options');
    }
  }

  private checkComments(comments: StatementCommentDto[]): void {
    for (const [i, c] of comments.entries()) {
      const a = c.anchor;
      if (!a) continue;
      const hasRn = a.randnummer !== undefined;
      const hasRange = a.from !== undefined || a.to !== undefined;
      if (
        hasRn === hasRange ||
        (hasRange && (a.from === undefined || a.to === undefined || a.from >= a.to))
      ) {
        throw AppError.validation(`Comment ${i + 1}: anchor is {randnummer} or {from, to} with from < to`, [
          { field: `comments[${i}].anchor`, messages: ['either randnummer or from < to'] },
        ]);
      }
    }
  }

  private async replaceComments(
    manager: EntityManager,
    statement: StatementEntity,
    comments: StatementCommentDto[],
  ): Promise<void> {
    await manager.delete(StatementCommentEntity, { statementId: statement.id });
    if (!comments.length) return;
    await manager.insert(
      StatementCommentEntity,
      comments.map((c, ord) => ({
        statementId: statement.id,
        consultationId: statement.consultationId,
        organisationId: statement.organisationId,
        ord,
        randnummer: c.anchor?.randnummer ?? null,
        anchorFrom: c.anchor?.from ?? null,
        anchorTo: c.anchor?.to ?? null,
        position: c.position,
        text: c.text,
        proposedWording: c.proposedWording?.trim() ? c.proposedWording : null,
      })),
    );
  }

  private appendAddressee(tx: Transaction, addressee: AddresseeEntity, actorId: string): void {
    tx.append(
      streamName('consultation', addressee.consultationId),
      'consultation.addressee_updated',
      this.change(addressee),
      actorId,
    );
  }

  private change(a: AddresseeEntity): AddresseeChangePayload {
    return {
      consultationId: a.consultationId,
      organisationId: a.organisationId,
      status: a.status,
      late: a.late,
      deadline: a.deadline.toISOString(),
      answeredAt: iso(a.answeredAt),
    };
  }

  private emptyStatement(id: string, orgId: string): StatementPayload {
    return {
      id: '',
      consultationId: id,
      organisationId: orgId,
      status: 'drafting',
      version: 0,
      general: '',
      comments: [],
      answers: [],
      correctsId: null,
      updatedBy: null,
      updatedAt: new Date(0).toISOString(),
      releasedBy: null,
      releasedAt: null,
      late: false,
    };
  }

  async statementView(
    s: StatementEntity,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<StatementPayload> {
    const comments = await manager.find(StatementCommentEntity, {
      where: { statementId: s.id },
      order: { ord: 'ASC' },
    });
    return {
      id: s.id,
      consultationId: s.consultationId,
      organisationId: s.organisationId,
      status: s.status,
      version: s.version,
      general: s.general,
      comments: comments.map((c) => ({
        id: c.id,
        anchor: c.randnummer
          ? { randnummer: c.randnummer }
          : c.anchorFrom !== null && c.anchorTo !== null
            ? { from: c.anchorFrom, to: c.anchorTo }
            : null,
        position: c.position,
        text: c.text,
        proposedWording: c.proposedWording,
        assessment: c.assessment,
        assessmentReason: c.assessmentReason,
      })),
      answers: s.answers,
      correctsId: s.correctsId,
      updatedBy: s.updatedBy,
      updatedAt: s.updatedAt.toISOString(),
      releasedBy: s.releasedBy,
      releasedAt: iso(s.releasedAt),
      late: s.late,
    };
  }

  async view(
    round: ConsultationEntity,
    standing: Standing,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ConsultationPayload> {
    const rows: Array<{
      organisation_id: string;
      name: string;
      kind: string;
      regierungsbezirk: string | null;
      kreisschluessel: string | null;
      status: AddresseePayload['status'];
      deadline: Date;
      late: boolean;
      answered_at: Date | null;
    }> = await manager.query(
      `SELECT a.organisation_id, o.name, o.kind, o.regierungsbezirk, o.kreisschluessel, a.status, a.deadline,
              a.late, a.answered_at
         FROM consultation_addressees a JOIN organisations o ON o.id = a.organisation_id
        WHERE a.consultation_id = $1 AND ($2::boolean OR a.organisation_id = ANY($3::uuid[]))
        ORDER BY o.kreisschluessel NULLS FIRST, o.name`,
      [round.id, standing.owner, [...standing.orgs.keys()]],
    );
    return {
      id: round.id,
      groupId: round.groupId,
      title: round.title,
      kind: round.kind,
      draftId: round.draftId,
      status: round.status,
      deadline: round.deadline.toISOString(),
      remindDaysBefore: round.remindDaysBefore,
      note: round.note,
      questions: round.questions,
      publishedAt: iso(round.publishedAt),
      closedAt: iso(round.closedAt),
      createdAt: round.createdAt.toISOString(),
      createdBy: round.createdBy,
      addressees: rows.map((r) => ({
        organisationId: r.organisation_id,
        name: r.name,
        kind: r.kind,
        regierungsbezirk: r.regierungsbezirk,
        kreisschluessel: r.kreisschluessel,
        status: r.status,
        deadline: r.deadline.toISOString(),
        late: r.late,
        answeredAt: iso(r.answered_at),
      })),
      viewer: { owner: standing.owner, organisationIds: [...standing.orgs.keys()] },
    };
  }

  /** The round as one addressee organisation sees it (its own entry only). */
  forOrganisation(view: ConsultationPayload, orgId: string): ConsultationPayload {
    return {
      ...view,
      addressees: view.addressees.filter((a) => a.organisationId === orgId),
      viewer: { owner: false, organisationIds: [orgId] },
    };
  }
}
