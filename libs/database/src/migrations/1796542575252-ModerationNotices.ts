import { MigrationInterface, QueryRunner } from 'typeorm';

/** Moderation notices: a hidden post's author hears the reason and the moderators' note. */
export class ModerationNotices1796542575252 implements MigrationInterface {
  name = 'ModerationNotices1796542575252';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "notifications"
            ADD "reason_code" character varying(20)
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications"
            ADD "note" character varying(1000)
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // The moderation notices go with their columns (the kinds before them have none of these).
    await queryRunner.query(`
            DELETE FROM "notifications" WHERE "kind" IN ('post_flagged', 'post_hidden', 'post_unhidden')
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications" DROP COLUMN "note"
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications" DROP COLUMN "reason_code"
        `);
  }
}
