import { MigrationInterface, QueryRunner } from 'typeorm';

/** Reports of barriers sent through the accessibility statement, and each person's private calendar feed. */
export class Site1796901100000 implements MigrationInterface {
  name = 'Site1796901100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "accessibility_feedback" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "message" text NOT NULL,
                "page" character varying(500),
                "contact" character varying(320),
                "lang" character varying(2) NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_6867713cc2fa12bfe01826b290d" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_accessibility_feedback_created" ON "accessibility_feedback" ("created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "calendar_feeds" (
                "user_id" uuid NOT NULL,
                "token_hash" character varying(64) NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_df53b5f17d35a6bac0fb13e16ad" UNIQUE ("token_hash"),
                CONSTRAINT "PK_3212ce9ff23847e66347a6730d3" PRIMARY KEY ("user_id")
            )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TABLE "calendar_feeds"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_accessibility_feedback_created"
        `);
    await queryRunner.query(`
            DROP TABLE "accessibility_feedback"
        `);
  }
}
