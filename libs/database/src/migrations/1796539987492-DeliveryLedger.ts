import { MigrationInterface, QueryRunner } from 'typeorm';

export class DeliveryLedger1796539987492 implements MigrationInterface {
  name = 'DeliveryLedger1796539987492';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "event_outbox"
            ADD "published_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "event_outbox"
            ADD "job_id" character varying(120)
        `);
    await queryRunner.query(`
            ALTER TABLE "event_outbox"
            ADD "redrives" integer NOT NULL DEFAULT '0'
        `);
    await queryRunner.query(`
            ALTER TABLE "event_outbox"
            ADD "last_error" text
        `);
    // Mentions and replies notified twice for one post (an edit's event handled before the post's): keep the first.
    await queryRunner.query(`
            DELETE FROM "notifications" n
             USING "notifications" o
             WHERE n.kind IN ('mention', 'reply') AND o.kind IN ('mention', 'reply')
               AND n.user_id = o.user_id AND n.post_id = o.post_id
               AND (n.created_at, n.id) > (o.created_at, o.id)
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_notifications_post_person" ON "notifications" ("user_id", "post_id")
            WHERE kind IN ('mention', 'reply')
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."uq_notifications_post_person"
        `);
    await queryRunner.query(`
            ALTER TABLE "event_outbox" DROP COLUMN "last_error"
        `);
    await queryRunner.query(`
            ALTER TABLE "event_outbox" DROP COLUMN "redrives"
        `);
    await queryRunner.query(`
            ALTER TABLE "event_outbox" DROP COLUMN "job_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "event_outbox" DROP COLUMN "published_at"
        `);
  }
}
