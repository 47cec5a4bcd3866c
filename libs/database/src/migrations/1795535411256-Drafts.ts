import { MigrationInterface, QueryRunner } from 'typeorm';

export class Drafts1795535411256 implements MigrationInterface {
  name = 'Drafts1795535411256';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "drafts" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "topic_id" uuid NOT NULL,
                "group_id" uuid NOT NULL,
                "title" character varying(200) NOT NULL,
                "status" character varying(20) NOT NULL DEFAULT 'draft',
                "consultation_deadline" TIMESTAMP(3) WITH TIME ZONE,
                "version" integer NOT NULL DEFAULT '0',
                "announced_version" integer NOT NULL DEFAULT '0',
                "content_text" text NOT NULL DEFAULT '',
                "created_by" uuid NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_0598e229012c6cbd4ccbba97328" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_drafts_topic" ON "drafts" ("topic_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "draft_updates" (
                "draft_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "update" bytea NOT NULL,
                "author_id" uuid,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_4bd2fb565e3304d131dc3bab835" PRIMARY KEY ("draft_id", "version")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "draft_snapshots" (
                "draft_id" uuid NOT NULL,
                "version" integer NOT NULL,
                "state" bytea NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_ecf005d938ec22956e1e308c5a7" PRIMARY KEY ("draft_id", "version")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "draft_revisions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "draft_id" uuid NOT NULL,
                "number" integer NOT NULL,
                "label" character varying(200) NOT NULL,
                "kind" character varying(20) NOT NULL,
                "version" integer NOT NULL,
                "status" character varying(20) NOT NULL,
                "content" text NOT NULL,
                "author_ids" uuid array NOT NULL DEFAULT '{}',
                "created_by" uuid,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_3fbf31f47f0c9a8d7ee14dfe57b" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_draft_revisions_number" ON "draft_revisions" ("draft_id", "number")
        `);
    await queryRunner.query(`
            CREATE TABLE "draft_comments" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "draft_id" uuid NOT NULL,
                "parent_id" uuid,
                "suggestion_id" uuid,
                "author_id" uuid NOT NULL,
                "body" text NOT NULL,
                "anchor_start" bytea,
                "anchor_end" bytea,
                "quote" text,
                "resolved_at" TIMESTAMP(3) WITH TIME ZONE,
                "resolved_by" uuid,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_f7f086bca30fc58e7411216785e" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_draft_comments_author" ON "draft_comments" ("author_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_draft_comments_draft" ON "draft_comments" ("draft_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "draft_suggestions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "draft_id" uuid NOT NULL,
                "author_id" uuid NOT NULL,
                "anchor_start" bytea NOT NULL,
                "anchor_end" bytea NOT NULL,
                "quote" text NOT NULL,
                "replacement" text NOT NULL,
                "rationale" text NOT NULL,
                "status" character varying(10) NOT NULL DEFAULT 'open',
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_94090657182da034da9c344db64" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_draft_suggestions_author" ON "draft_suggestions" ("author_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_draft_suggestions_draft" ON "draft_suggestions" ("draft_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "draft_decisions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "draft_id" uuid NOT NULL,
                "suggestion_id" uuid NOT NULL,
                "outcome" character varying(10) NOT NULL,
                "reason" text,
                "decided_by" uuid NOT NULL,
                "decided_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "revision_id" uuid,
                CONSTRAINT "PK_c94f7fcf38bf23ffa7261aca171" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_draft_decisions_suggestion" ON "draft_decisions" ("suggestion_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_draft_decisions_draft" ON "draft_decisions" ("draft_id", "decided_at")
        `);
    // German full-text search over the drafts' current text (hand-written: TypeORM does not model expression
    // indexes). Search sources must use exactly this expression to hit the index.
    await queryRunner.query(
      `CREATE INDEX "ix_drafts_search" ON "drafts" USING GIN (to_tsvector('german', "content_text"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_drafts_search"`);
    await queryRunner.query(`
            DROP INDEX "public"."ix_draft_decisions_draft"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_draft_decisions_suggestion"
        `);
    await queryRunner.query(`
            DROP TABLE "draft_decisions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_draft_suggestions_draft"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_draft_suggestions_author"
        `);
    await queryRunner.query(`
            DROP TABLE "draft_suggestions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_draft_comments_draft"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_draft_comments_author"
        `);
    await queryRunner.query(`
            DROP TABLE "draft_comments"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_draft_revisions_number"
        `);
    await queryRunner.query(`
            DROP TABLE "draft_revisions"
        `);
    await queryRunner.query(`
            DROP TABLE "draft_snapshots"
        `);
    await queryRunner.query(`
            DROP TABLE "draft_updates"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_drafts_topic"
        `);
    await queryRunner.query(`
            DROP TABLE "drafts"
        `);
  }
}
