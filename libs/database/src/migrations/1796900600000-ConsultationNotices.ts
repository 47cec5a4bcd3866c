import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consultation notices: a notice names its round (`consultation_id`, beside the addressee organisation it is
 * about), and the mails that go with notices are kept in a ledger (`notification_mails`): written with the
 * notice, sent after that transaction committed, marked sent, so a retried job sends none twice.
 */
export class ConsultationNotices1796900600000 implements MigrationInterface {
  name = 'ConsultationNotices1796900600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "notifications"
            ADD "consultation_id" uuid
        `);
    await queryRunner.query(`
            CREATE TABLE "notification_mails" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "source_event_id" uuid NOT NULL,
                "kind" character varying(20) NOT NULL,
                "recipient" character varying(320) NOT NULL,
                "subject" text NOT NULL,
                "body" text NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "claimed_at" TIMESTAMP(3) WITH TIME ZONE,
                "sent_at" TIMESTAMP(3) WITH TIME ZONE,
                CONSTRAINT "PK_notification_mails" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_notification_mails_source" ON "notification_mails" ("source_event_id", "user_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_notification_mails_unsent" ON "notification_mails" ("created_at")
            WHERE sent_at IS NULL
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."ix_notification_mails_unsent"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_notification_mails_source"
        `);
    await queryRunner.query(`
            DROP TABLE "notification_mails"
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications" DROP COLUMN "consultation_id"
        `);
  }
}
