import { MigrationInterface, QueryRunner } from 'typeorm';

/** Account basics: password reset links (only their hash) and notification settings per category. */
export class AccountBasics1796542754940 implements MigrationInterface {
  name = 'AccountBasics1796542754940';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "notification_settings" (
                "user_id" uuid NOT NULL,
                "category" character varying(30) NOT NULL,
                "in_app" boolean NOT NULL,
                "email" boolean NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_bc54d9c9459bcfe473db74b7cec" PRIMARY KEY ("user_id", "category")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "password_resets" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "token_hash" character varying(64) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_4816377aa98211c1de34469e742" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_password_resets_user" ON "password_resets" ("user_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_password_resets_token_hash" ON "password_resets" ("token_hash")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."uq_password_resets_token_hash"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_password_resets_user"
        `);
    await queryRunner.query(`
            DROP TABLE "password_resets"
        `);
    await queryRunner.query(`
            DROP TABLE "notification_settings"
        `);
  }
}
