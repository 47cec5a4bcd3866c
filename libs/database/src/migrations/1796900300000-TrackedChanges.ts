import { MigrationInterface, QueryRunner } from 'typeorm';

export class TrackedChanges1796900300000 implements MigrationInterface {
  name = 'TrackedChanges1796900300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "draft_change_decisions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "draft_id" uuid NOT NULL,
                "change_key" text NOT NULL,
                "change_author_id" text,
                "change_at" text,
                "decision" character varying(10) NOT NULL,
                "inserted" text NOT NULL DEFAULT '',
                "deleted" text NOT NULL DEFAULT '',
                "formatted" boolean NOT NULL DEFAULT false,
                "decided_by" uuid NOT NULL,
                "decided_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "ord" integer NOT NULL DEFAULT '0',
                "version" integer NOT NULL,
                "revision_id" uuid,
                CONSTRAINT "PK_211e8a224c926cbc8a6eee40f18" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_draft_change_decisions_draft" ON "draft_change_decisions" ("draft_id", "decided_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "drafts"
            ADD "edit_policy" jsonb
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "drafts" DROP COLUMN "edit_policy"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_draft_change_decisions_draft"
        `);
    await queryRunner.query(`
            DROP TABLE "draft_change_decisions"
        `);
  }
}
