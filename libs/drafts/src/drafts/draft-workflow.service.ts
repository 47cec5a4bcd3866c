import { Injectable } from '@nestjs/common';
import type { DraftStatus } from '@runde/events';
import { streamName, UnitOfWork } from '@runde/events';
import { AccessPolicy } from '@runde/groups';
import type { Caller } from '@runde/identity';
import { AppError } from '@runde/platform';
import { DraftEntity } from '../entities/draft.entity';
import { DraftJobs } from '../jobs/draft-jobs';
import { RevisionWriter } from '../revisions/revision-writer';
import { draftPayload, DraftView, draftViewFor } from '../views';
import { DraftReader } from './draft-reader';
import { assertTransition } from './draft-rules';

/**
 * Labels of the automatic revisions, in the network's language like everything its members write (the browser
 * client shows status revisions in its own language from `kind` and `status`).
 */
const STATUS_LABEL: Record<DraftStatus, string> = {
  draft: 'Zurück im Entwurf',
  consultation: 'Anhörung eröffnet',
  revision: 'Überarbeitung nach der Anhörung',
  adopted: 'Beschlossen',
  archived: 'Archiviert',
};

/** Status changes (owners and moderators), each recorded with an automatic revision of the text at that moment. */
@Injectable()
export class DraftWorkflowService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly policy: AccessPolicy,
    private readonly reader: DraftReader,
    private readonly revisions: RevisionWriter,
    private readonly jobs: DraftJobs,
  ) {}

  async changeStatus(
    caller: Caller,
    draftId: string,
    status: DraftStatus,
    deadline?: string,
  ): Promise<DraftView> {
    const access = await this.policy.assert(caller, 'moderate', 'draft', draftId, 'Draft');
    const deadlineAt = this.deadline(status, deadline);
    const draft = await this.uow.run(async (tx) => {
      const draft = await this.reader.lockWithText(draftId, tx.manager);
      const previousStatus = draft.status;
      assertTransition(previousStatus, status);
      draft.status = status;
      draft.consultationDeadline = deadlineAt;
      await tx.manager.update(DraftEntity, { id: draftId }, { status, consultationDeadline: deadlineAt });
      const saved = await this.reader.draft(draftId, tx.manager);
      const revision = await this.revisions.create(tx, {
        draftId,
        kind: 'status',
        label: STATUS_LABEL[status],
        version: draft.version,
        status,
        content: draft.contentText,
        createdBy: caller.id,
      });
      const changed = { draft: draftPayload(saved), previousStatus, revisionId: revision.id };
      tx.append(streamName('draft', draftId), 'draft.status_changed', changed, caller.id);
      // Also on the topic: lists of drafts (the topic page, the start page) follow without joining each draft's
      // stream, which would count their readers as present in the draft.
      tx.append(streamName('topic', saved.topicId), 'draft.status_changed', changed, caller.id);
      return saved;
    });
    await this.jobs.requestCompaction(draftId, draft.version);
    return draftViewFor(draft, access);
  }

  private deadline(status: DraftStatus, deadline?: string): Date | null {
    if (status !== 'consultation') {
      if (deadline !== undefined)
        throw AppError.validation('Only a consultation has a deadline', [
          { field: 'deadline', messages: ['only for status consultation'] },
        ]).because('DEADLINE_ONLY_CONSULTATION');
      return null;
    }
    const at = deadline === undefined ? NaN : Date.parse(deadline);
    if (Number.isNaN(at) || at <= Date.now()) {
      throw AppError.validation('A consultation needs a deadline in the future', [
        { field: 'deadline', messages: ['must be a future ISO-8601 time'] },
      ]).because(Number.isNaN(at) ? 'DEADLINE_REQUIRED' : 'DEADLINE_NOT_FUTURE');
    }
    return new Date(at);
  }
}
