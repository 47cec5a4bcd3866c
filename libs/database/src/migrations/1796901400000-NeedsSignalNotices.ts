import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notices of the needs radar: a new signal tells the ministry's people (in the app and, as they choose, by mail).
 * A notification may now be about a signal (`needs_signal_id`), as the fourth kind of subject.
 */
export class NeedsSignalNotices1796901400000 implements MigrationInterface {
  name = 'NeedsSignalNotices1796901400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "notifications"
            ADD "needs_signal_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications" DROP CONSTRAINT "ck_notifications_subject"
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications"
            ADD CONSTRAINT "ck_notifications_subject" CHECK (
                num_nonnulls("thread_id", "draft_id", "organisation_id", "needs_signal_id") = 1
            )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DELETE FROM "notifications" WHERE "needs_signal_id" IS NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications" DROP CONSTRAINT "ck_notifications_subject"
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications"
            ADD CONSTRAINT "ck_notifications_subject" CHECK (num_nonnulls("thread_id", "draft_id", "organisation_id") = 1)
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications" DROP COLUMN "needs_signal_id"
        `);
  }
}
