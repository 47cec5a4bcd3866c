import { MigrationInterface, QueryRunner } from 'typeorm';

export class DraftNotifications1795837574076 implements MigrationInterface {
  name = 'DraftNotifications1795837574076';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "notifications"
            ADD "draft_id" uuid
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_notifications_unread_followed"
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications"
            ALTER COLUMN "thread_id" DROP NOT NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_notifications_unread_followed" ON "notifications" ("user_id", "thread_id")
            WHERE kind = 'followed_thread'
                AND read_at IS NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications"
            ADD CONSTRAINT "ck_notifications_subject" CHECK (("thread_id" IS NULL) <> ("draft_id" IS NULL))
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "notifications" DROP CONSTRAINT "ck_notifications_subject"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_notifications_unread_followed"
        `);
    // Notices about drafts have no thread: they go with the column.
    await queryRunner.query(`
            DELETE FROM "notifications" WHERE "thread_id" IS NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications"
            ALTER COLUMN "thread_id"
            SET NOT NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_notifications_unread_followed" ON "notifications" USING btree ("user_id", "thread_id")
            WHERE (
                    ((kind)::text = 'followed_thread'::text)
                    AND (read_at IS NULL)
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications" DROP COLUMN "draft_id"
        `);
  }
}
