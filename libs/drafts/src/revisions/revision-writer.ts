import { Injectable, Logger } from '@nestjs/common';
import type { DraftRevisionKind, DraftStatus } from '@runde/events';
import { streamName, Transaction } from '@runde/events';
import { blockLabels, readDoc, toMarkdown } from '@runde/richtext';
import { DraftLog, DraftLogError } from '../doc/draft-log';
import { DraftRevisionEntity, RevisionBlock } from '../entities/draft-revision.entity';
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
 * with the people who changed the text since the previous revision and the blocks of its text with their
 * Randnummern (read from the log at the revision's version), and appends `draft.revision_created`.
 */
@Injectable()
export class RevisionWriter {
  private readonly logger = new Logger('RevisionWriter');

  constructor(private readonly log: DraftLog) {}

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
        blocks: await this.blocksAt(tx, revision),
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

  /**
   * The labels of the text's blocks at the revision's version, when the log's document there has the revision's
   * text (it always should; a revision is never refused for want of its labels).
   */
  private async blocksAt(tx: Transaction, revision: NewRevision): Promise<RevisionBlock[] | null> {
    try {
      const doc = readDoc(await this.log.docAt(revision.draftId, revision.version, tx.manager));
      if (toMarkdown(doc) === revision.content) return blockLabels(doc);
      this.logger.warn(
        { draftId: revision.draftId, version: revision.version },
        'revision text differs from the log',
      );
    } catch (error) {
      if (!(error instanceof DraftLogError)) throw error;
      this.logger.warn(
        { draftId: revision.draftId, version: revision.version, error: error.message },
        'no blocks for revision',
      );
    }
    return null;
  }
}
