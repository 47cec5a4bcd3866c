import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The needs radar (Bedarfsradar): reporting rounds with their reporters and periods, needs reports and their
 * entries, the materialised roll-up, signals and their rules, and the ledger of reminders sent.
 */
export class Needs1796900700000 implements MigrationInterface {
  name = 'Needs1796900700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "needs_aggregates" (
                "period_id" uuid NOT NULL,
                "field" character varying(40) NOT NULL,
                "level" character varying(20) NOT NULL,
                "key" character varying(40) NOT NULL,
                "audience" character varying(8) NOT NULL,
                "name" character varying(200) NOT NULL,
                "reports" integer NOT NULL DEFAULT '0',
                "affected" bigint NOT NULL DEFAULT '0',
                "t_new" integer NOT NULL DEFAULT '0',
                "t_rising" integer NOT NULL DEFAULT '0',
                "t_stable" integer NOT NULL DEFAULT '0',
                "t_falling" integer NOT NULL DEFAULT '0',
                "s1" integer NOT NULL DEFAULT '0',
                "s2" integer NOT NULL DEFAULT '0',
                "s3" integer NOT NULL DEFAULT '0',
                "s4" integer NOT NULL DEFAULT '0',
                "s5" integer NOT NULL DEFAULT '0',
                CONSTRAINT "PK_4aa9140f6402ddaee2d6d10b1e9" PRIMARY KEY ("period_id", "field", "level", "key", "audience")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "needs_entries" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "report_id" uuid NOT NULL,
                "ord" integer NOT NULL,
                "field" character varying(40) NOT NULL,
                "target_group" character varying(500) NOT NULL,
                "affected" integer NOT NULL,
                "trend" character varying(8) NOT NULL,
                "severity" smallint NOT NULL,
                "existing" text,
                "missing" text,
                "support" text,
                "evidence" text,
                "visibility" character varying(8) NOT NULL,
                CONSTRAINT "PK_e81543aa5dd3313350f4ab74f3d" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_needs_entries_report" ON "needs_entries" ("report_id", "ord")
        `);
    await queryRunner.query(`
            CREATE TABLE "needs_periods" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "round_id" uuid NOT NULL,
                "label" character varying(20) NOT NULL,
                "seq" integer NOT NULL,
                "opens_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                "due_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
                "status" character varying(8) NOT NULL DEFAULT 'open',
                "closed_at" TIMESTAMP(3) WITH TIME ZONE,
                CONSTRAINT "PK_a5eb87bba3d57cf6a7cdc954f1a" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_needs_periods_status_due" ON "needs_periods" ("status", "due_at")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_needs_periods_round_label" ON "needs_periods" ("round_id", "label")
        `);
    await queryRunner.query(`
            CREATE TABLE "needs_reminders" (
                "period_id" uuid NOT NULL,
                "organisation_id" uuid NOT NULL,
                "days_before" integer NOT NULL,
                "sent_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_6f2e022eb324416eae61a28c069" PRIMARY KEY ("period_id", "organisation_id", "days_before")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "needs_reports" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "period_id" uuid,
                "organisation_id" uuid NOT NULL,
                "adhoc" boolean NOT NULL DEFAULT false,
                "status" character varying(12) NOT NULL DEFAULT 'drafting',
                "version" integer NOT NULL DEFAULT '0',
                "nil_return_intent" boolean NOT NULL DEFAULT false,
                "late" boolean NOT NULL DEFAULT false,
                "released_by" uuid,
                "released_at" TIMESTAMP(3) WITH TIME ZONE,
                "updated_by" uuid,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_0b3dfa0d288ae5eac70dcacc568" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_needs_reports_org" ON "needs_reports" ("organisation_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_needs_reports_period_org" ON "needs_reports" ("period_id", "organisation_id")
            WHERE period_id IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE TABLE "needs_reporters" (
                "round_id" uuid NOT NULL,
                "organisation_id" uuid NOT NULL,
                CONSTRAINT "PK_1334e1927da2a899e0b6120369d" PRIMARY KEY ("round_id", "organisation_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_needs_reporters_org" ON "needs_reporters" ("organisation_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "needs_rounds" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "title" character varying(200) NOT NULL,
                "cadence" character varying(10) NOT NULL,
                "fields" text array NOT NULL,
                "due_days" integer NOT NULL,
                "remind_days_before" integer array NOT NULL DEFAULT '{7,1}',
                "active" boolean NOT NULL DEFAULT true,
                "created_by" uuid NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_879b22f1b5547da009456b9b044" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "needs_signal_rules" (
                "rule" character varying(40) NOT NULL,
                "enabled" boolean NOT NULL DEFAULT true,
                "params" jsonb NOT NULL DEFAULT '{}',
                "updated_by" uuid,
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_1bdaa2b40b35438421cb09b4cf4" PRIMARY KEY ("rule")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "needs_signals" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "rule" character varying(40) NOT NULL,
                "field" character varying(40) NOT NULL,
                "scope" character varying(60) NOT NULL,
                "period_id" uuid,
                "report_ids" uuid array NOT NULL,
                "summary" text NOT NULL,
                "ministry_only" boolean NOT NULL DEFAULT false,
                "dedupe_key" character varying(200) NOT NULL,
                "status" character varying(10) NOT NULL DEFAULT 'open',
                "topic_id" uuid,
                "note" text,
                "handled_by" uuid,
                "handled_at" TIMESTAMP(3) WITH TIME ZONE,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_603c343a53018d73b4a23257cb3" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_needs_signals_created" ON "needs_signals" ("created_at")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_needs_signals_dedupe" ON "needs_signals" ("dedupe_key")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."uq_needs_signals_dedupe"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_needs_signals_created"
        `);
    await queryRunner.query(`
            DROP TABLE "needs_signals"
        `);
    await queryRunner.query(`
            DROP TABLE "needs_signal_rules"
        `);
    await queryRunner.query(`
            DROP TABLE "needs_rounds"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_needs_reporters_org"
        `);
    await queryRunner.query(`
            DROP TABLE "needs_reporters"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_needs_reports_period_org"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_needs_reports_org"
        `);
    await queryRunner.query(`
            DROP TABLE "needs_reports"
        `);
    await queryRunner.query(`
            DROP TABLE "needs_reminders"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_needs_periods_round_label"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_needs_periods_status_due"
        `);
    await queryRunner.query(`
            DROP TABLE "needs_periods"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_needs_entries_report"
        `);
    await queryRunner.query(`
            DROP TABLE "needs_entries"
        `);
    await queryRunner.query(`
            DROP TABLE "needs_aggregates"
        `);
  }
}
