import { MigrationInterface, QueryRunner } from 'typeorm';

export class DraftAnnouncements1795803605659 implements MigrationInterface {
  name = 'DraftAnnouncements1795803605659';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "draft_announcements" (
                "draft_id" uuid NOT NULL,
                "version" integer NOT NULL,
                CONSTRAINT "PK_684b108e1f9b3809d9ee6d59f73" PRIMARY KEY ("draft_id")
            )
        `);
    // What was announced so far moves along, so no draft announces a version twice.
    await queryRunner.query(`
            INSERT INTO "draft_announcements" ("draft_id", "version")
            SELECT "id", "announced_version" FROM "drafts" WHERE "announced_version" > 0
        `);
    await queryRunner.query(`
            ALTER TABLE "drafts" DROP COLUMN "announced_version"
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "drafts"
            ADD "announced_version" integer NOT NULL DEFAULT '0'
        `);
    await queryRunner.query(`
            UPDATE "drafts" d SET "announced_version" = a."version"
              FROM "draft_announcements" a WHERE a."draft_id" = d."id"
        `);
    await queryRunner.query(`
            DROP TABLE "draft_announcements"
        `);
  }
}
