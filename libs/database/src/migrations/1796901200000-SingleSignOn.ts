import { MigrationInterface, QueryRunner } from 'typeorm';

/** Single sign-on: provider accounts linked to runde accounts, and the provider sessions behind runde sign-ins. */
export class SingleSignOn1796901200000 implements MigrationInterface {
  name = 'SingleSignOn1796901200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "oidc_identities" (
                "provider_id" character varying(40) NOT NULL,
                "subject" character varying(255) NOT NULL,
                "user_id" uuid NOT NULL,
                "linked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "last_sign_in_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_a40c13440e3fbf81105143b1792" PRIMARY KEY ("provider_id", "subject")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_oidc_identities_user" ON "oidc_identities" ("provider_id", "user_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "oidc_sessions" (
                "family_id" uuid NOT NULL,
                "provider_id" character varying(40) NOT NULL,
                "subject" character varying(255) NOT NULL,
                "sid" character varying(255),
                "user_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_117e0c7847bdfa67678861be5bb" PRIMARY KEY ("family_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_oidc_sessions_subject" ON "oidc_sessions" ("provider_id", "subject")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_oidc_sessions_sid" ON "oidc_sessions" ("provider_id", "sid")
        `);
    await queryRunner.query(`
            ALTER TABLE "oidc_identities"
            ADD CONSTRAINT "FK_9fe6252422ff84d3a961b11b930" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "oidc_sessions"
            ADD CONSTRAINT "FK_160af1b9b4e43fa551b24f3f73f" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "oidc_sessions" DROP CONSTRAINT "FK_160af1b9b4e43fa551b24f3f73f"
        `);
    await queryRunner.query(`
            ALTER TABLE "oidc_identities" DROP CONSTRAINT "FK_9fe6252422ff84d3a961b11b930"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_oidc_sessions_sid"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_oidc_sessions_subject"
        `);
    await queryRunner.query(`
            DROP TABLE "oidc_sessions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_oidc_identities_user"
        `);
    await queryRunner.query(`
            DROP TABLE "oidc_identities"
        `);
  }
}
