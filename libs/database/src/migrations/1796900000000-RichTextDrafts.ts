import { MigrationInterface, QueryRunner } from 'typeorm';
import { upgradeLegacyDrafts } from '../../../drafts/src/doc/legacy-upgrade';

/**
 * Drafts move from Markdown in a Y.Text to a rich-text document (ProseMirror on y-prosemirror): each existing
 * draft gets one logged update that writes its text into the document, and its anchors move along
 * (libs/drafts/src/doc/legacy-upgrade.ts). Nothing to undo: the old text stays in each draft's history.
 */
export class RichTextDrafts1796900000000 implements MigrationInterface {
  name = 'RichTextDrafts1796900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await upgradeLegacyDrafts(queryRunner.manager);
  }

  public async down(): Promise<void> {
    // The rich-text update stays in the log; older code reads the legacy text it left untouched.
  }
}
