import { Injectable } from '@nestjs/common';
import type { DraftRevisionKind, DraftStatus } from '@runde/events';
import { streamName, Transaction } from '@runde/events';
import { DraftRevisionEntity } from '../entities/draft-revision.entity';
import { revisionPayload } from '../views';

export interface NewRevision {
  draftId: string;
  kind: DraftRevisionKind;
  label: string;
  version: number;
  status: DraftStatus;
  content: string;
  createdBy: string | null;
}

/**
 * Records a revision inside a transaction that holds the draft's row lock (so numbers are 1, 2, 3, … per draft),
 * with the people who changed the text since the previous revision, and appends `draft.revision_created`.
 */
@Injectable()
export class RevisionWriter {
  async create(tx: Transaction, revision: NewRevision): Promise<DraftRevisionEntity> {
    const [last]: Array<{ number: number | null; version: number | null }> = await tx.manager.query(
      `SELECT max(number) AS number, max(version) AS version FROM draft_revisions WHERE draft_id = $1`,
      [revision.draftId],
    );
    const authors: Array<{ author_id: string }> = await tx.manager.query(
      `SELECT DISTINCT author_id FROM draft_updates
        WHERE draft_id = $1 AND version > $2 AND version <= $3 AND author_id IS NOT NULL ORDER BY author_id`,
      [revision.draftId, last.version ?? 0, revision.version],
    );
    const saved = await tx.manager.save(
      tx.manager.create(DraftRevisionEntity, {
        ...revision,
        number: (last.number ?? 0) + 1,
        authorIds: authors.map((a) => a.author_id),
      }),
    );
    tx.append(
      streamName('draft', revision.draftId),
      'draft.revision_created',
      { revision: revisionPayload(saved) },
      revision.createdBy,
    );
    return saved;
  }
}
