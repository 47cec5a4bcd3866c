import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consultation rounds (Anhörung / Abfrage): rounds, their addressee organisations with deadlines, statements with
 * their points (anchored to Randnummern) and the owners' assessments, and the ledger of reminders sent.
 */
export class Consultations1796900400000 implements MigrationInterface {
  name = 'Consultations1796900400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "consultation_addressees" (
                "consultation_id" uuid NOT NULL,
                "organisation_id" uuid NOT NULL,
                "deadline" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                "status" character varying(12) NOT NULL DEFAULT 'not_started',
                "answered_at" TIMESTAMP(3) WITH TIME ZONE,
                "late" boolean NOT NULL DEFAULT false,
                CONSTRAINT "PK_5c240142c632574ec9d28d7b211" PRIMARY KEY ("consultation_id", "organisation_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_consultation_addressees_org" ON "consultation_addressees" ("organisation_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "consultations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "group_id" uuid NOT NULL,
                "draft_id" uuid,
                "title" character varying(200) NOT NULL,
                "kind" character varying(10) NOT NULL,
                "note" text,
                "questions" jsonb NOT NULL DEFAULT '[]',
                "deadline" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                "remind_days_before" integer array NOT NULL DEFAULT '{7,1}',
                "status" character varying(10) NOT NULL DEFAULT 'open',
                "published_at" TIMESTAMP(3) WITH TIME ZONE,
                "closed_at" TIMESTAMP(3) WITH TIME ZONE,
                "created_by" uuid NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_c5b78e9424d9bc68464f6a12103" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_consultations_open_deadline" ON "consultations" ("status", "deadline")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_consultations_group" ON "consultations" ("group_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "consultation_comments" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "statement_id" uuid NOT NULL,
                "consultation_id" uuid NOT NULL,
                "organisation_id" uuid NOT NULL,
                "ord" integer NOT NULL,
                "randnummer" character varying(12),
                "anchor_from" integer,
                "anchor_to" integer,
                "position" character varying(8) NOT NULL,
                "text" text NOT NULL,
                "proposed_wording" text,
                "assessment" character varying(8),
                "assessment_reason" text,
                "assessed_by" uuid,
                "assessed_at" TIMESTAMP(3) WITH TIME ZONE,
                CONSTRAINT "PK_3db1da6beebcdf7472f063a54a9" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_consultation_comments_round" ON "consultation_comments" ("consultation_id", "randnummer")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_consultation_comments_statement" ON "consultation_comments" ("statement_id", "ord")
        `);
    await queryRunner.query(`
            CREATE TABLE "consultation_statements" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "consultation_id" uuid NOT NULL,
                "organisation_id" uuid NOT NULL,
                "status" character varying(12) NOT NULL DEFAULT 'drafting',
                "version" integer NOT NULL DEFAULT '0',
                "general" text NOT NULL DEFAULT '',
                "answers" jsonb NOT NULL DEFAULT '[]',
                "corrects_id" uuid,
                "updated_by" uuid,
                "released_by" uuid,
                "released_at" TIMESTAMP(3) WITH TIME ZONE,
                "late" boolean NOT NULL DEFAULT false,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_1b2313ba765bfd0183df5af48de" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_consultation_statements_round_org" ON "consultation_statements" (
                "consultation_id",
                "organisation_id",
                "created_at"
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "consultation_reminders" (
                "consultation_id" uuid NOT NULL,
                "organisation_id" uuid NOT NULL,
                "days_before" integer NOT NULL,
                "deadline" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                "sent_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_79f63aab3ef187c96d5c17132bb" PRIMARY KEY (
                    "consultation_id",
                    "organisation_id",
                    "days_before",
                    "deadline"
                )
            )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TABLE "consultation_reminders"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_consultation_statements_round_org"
        `);
    await queryRunner.query(`
            DROP TABLE "consultation_statements"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_consultation_comments_statement"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_consultation_comments_round"
        `);
    await queryRunner.query(`
            DROP TABLE "consultation_comments"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_consultations_group"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_consultations_open_deadline"
        `);
    await queryRunner.query(`
            DROP TABLE "consultations"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_consultation_addressees_org"
        `);
    await queryRunner.query(`
            DROP TABLE "consultation_addressees"
        `);
  }
}
