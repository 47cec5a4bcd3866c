import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consultation rounds (issue 25): the points whose proposed wording was applied to the consulted draft as tracked
 * changes, so none is applied twice.
 */
export class AppliedProposals1796900800000 implements MigrationInterface {
  name = 'AppliedProposals1796900800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "consultation_applied_proposals" (
                "comment_id" uuid NOT NULL,
                "consultation_id" uuid NOT NULL,
                "draft_id" uuid NOT NULL,
                "change_key" character varying(100) NOT NULL,
                "draft_version" integer NOT NULL,
                "applied_by" uuid NOT NULL,
                "applied_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_e3d8e71fd324fb398d20ae0caca" PRIMARY KEY ("comment_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_consultation_applied_proposals_round" ON "consultation_applied_proposals" ("consultation_id")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."ix_consultation_applied_proposals_round"
        `);
    await queryRunner.query(`
            DROP TABLE "consultation_applied_proposals"
        `);
  }
}
