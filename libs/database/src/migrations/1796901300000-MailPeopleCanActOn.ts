import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mail people can act on (issue 27): how each category is mailed (at once, daily, weekly, never), when the digests
 * go (time zone, hour, weekday), the digests and their items, reply-by-mail's ledger, and what the mail ledger
 * needs for unsubscribe links and reply addresses.
 */
export class MailPeopleCanActOn1796901300000 implements MigrationInterface {
  name = 'MailPeopleCanActOn1796901300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "mail_preferences" (
                "user_id" uuid NOT NULL,
                "time_zone" character varying(64) NOT NULL,
                "digest_hour" smallint NOT NULL,
                "digest_weekday" smallint NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_mail_preferences" PRIMARY KEY ("user_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "inbound_replies" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "thread_id" uuid NOT NULL,
                "message_id" character varying(998) NOT NULL,
                "post_id" uuid,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_inbound_replies" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_inbound_replies_message" ON "inbound_replies" ("user_id", "thread_id", "message_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "mail_digests" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "cadence" character varying(10) NOT NULL,
                "period_end" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                "item_count" integer NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_mail_digests" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_mail_digests_period" ON "mail_digests" ("user_id", "cadence", "period_end")
        `);
    await queryRunner.query(`
            CREATE TABLE "mail_digest_items" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "category" character varying(30) NOT NULL,
                "cadence" character varying(10) NOT NULL,
                "kind" character varying(20) NOT NULL,
                "source_event_id" uuid NOT NULL,
                "occurred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                "line" text NOT NULL,
                "link" text NOT NULL,
                "digest_id" uuid,
                CONSTRAINT "PK_mail_digest_items" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_mail_digest_items_open" ON "mail_digest_items" ("user_id", "cadence", "occurred_at")
            WHERE digest_id IS NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_mail_digest_items_source" ON "mail_digest_items" ("user_id", "source_event_id", "kind")
        `);
    await queryRunner.query(`
            ALTER TABLE "notification_settings"
            ADD "email_delivery" character varying(10) NOT NULL DEFAULT 'none'
        `);
    // Who chose e-mail before gets a mail at once, as that choice promised.
    await queryRunner.query(`
            UPDATE "notification_settings" SET "email_delivery" = 'immediate' WHERE "email"
        `);
    await queryRunner.query(`
            ALTER TABLE "notification_mails"
            ADD "categories" character varying(30) array
        `);
    await queryRunner.query(`
            ALTER TABLE "notification_mails"
            ADD "thread_id" uuid
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "notification_mails" DROP COLUMN "thread_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "notification_mails" DROP COLUMN "categories"
        `);
    await queryRunner.query(`
            ALTER TABLE "notification_settings" DROP COLUMN "email_delivery"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_mail_digest_items_source"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_mail_digest_items_open"
        `);
    await queryRunner.query(`
            DROP TABLE "mail_digest_items"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_mail_digests_period"
        `);
    await queryRunner.query(`
            DROP TABLE "mail_digests"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_inbound_replies_message"
        `);
    await queryRunner.query(`
            DROP TABLE "inbound_replies"
        `);
    await queryRunner.query(`
            DROP TABLE "mail_preferences"
        `);
  }
}
