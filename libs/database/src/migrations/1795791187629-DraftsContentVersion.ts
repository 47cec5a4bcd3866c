import { MigrationInterface, QueryRunner } from 'typeorm';

/** `drafts.content_version`: the version `content_text` shows (live edits write the text coalesced). */
export class DraftsContentVersion1795791187629 implements MigrationInterface {
  name = 'DraftsContentVersion1795791187629';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "drafts"
            ADD "content_version" integer NOT NULL DEFAULT '0'
        `);
    // Until now content_text was written with every update: it shows the current version.
    await queryRunner.query(`UPDATE "drafts" SET "content_version" = "version"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "drafts" DROP COLUMN "content_version"
        `);
  }
}
