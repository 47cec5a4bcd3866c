import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795532863825 implements MigrationInterface {
  name = 'Initial1795532863825';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "domain_events" (
                "id" uuid NOT NULL,
                "position" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
                "stream" character varying(100) NOT NULL,
                "seq" bigint NOT NULL,
                "type" character varying(100) NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "actor_id" uuid,
                "data" jsonb NOT NULL,
                "published_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_66e0920a32dda3a89b46ee7a981" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_domain_events_occurred_at" ON "domain_events" ("occurred_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_domain_events_unpublished" ON "domain_events" ("position")
            WHERE published_at IS NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_domain_events_stream_seq" ON "domain_events" ("stream", "seq")
        `);
    await queryRunner.query(`
            CREATE TABLE "event_streams" (
                "stream" character varying(100) NOT NULL,
                "head" bigint NOT NULL,
                CONSTRAINT "PK_1eecd97a2a2205fe17b6f1bb8a3" PRIMARY KEY ("stream")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "processed_events" (
                "consumer" character varying(100) NOT NULL,
                "event_id" uuid NOT NULL,
                "processed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_270df9e0013dff41bb91d555db4" PRIMARY KEY ("consumer", "event_id")
            )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TABLE "processed_events"
        `);
    await queryRunner.query(`
            DROP TABLE "event_streams"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_domain_events_stream_seq"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_domain_events_unpublished"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_domain_events_occurred_at"
        `);
    await queryRunner.query(`
            DROP TABLE "domain_events"
        `);
  }
}
