import { MigrationInterface, QueryRunner } from 'typeorm';

export class OutboxTable1795793028176 implements MigrationInterface {
  name = 'OutboxTable1795793028176';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."ix_threads_topic_order"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_domain_events_unpublished"
        `);
    await queryRunner.query(`
            CREATE TABLE "event_outbox" (
                "event_id" uuid NOT NULL,
                "position" bigint NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_49f1fea2eed3482bfa93e4e2777" PRIMARY KEY ("event_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_event_outbox_position" ON "event_outbox" ("position")
        `);
    // Events not yet published move to the outbox before the column goes.
    await queryRunner.query(`
            INSERT INTO "event_outbox" ("event_id", "position", "created_at")
            SELECT "id", "position", "occurred_at" FROM "domain_events" WHERE "published_at" IS NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "domain_events" DROP COLUMN "published_at"
        `);
    // Rows updated on every post: room on their page for the new version (HOT updates, no index entries).
    await queryRunner.query(`ALTER TABLE "threads" SET (fillfactor = 80)`);
    await queryRunner.query(`ALTER TABLE "event_streams" SET (fillfactor = 80)`);
    await queryRunner.query(`
            CREATE INDEX "ix_threads_topic" ON "threads" ("topic_id")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "event_streams" RESET (fillfactor)`);
    await queryRunner.query(`ALTER TABLE "threads" RESET (fillfactor)`);
    await queryRunner.query(`
            DROP INDEX "public"."ix_threads_topic"
        `);
    await queryRunner.query(`
            ALTER TABLE "domain_events"
            ADD "published_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            UPDATE "domain_events" SET "published_at" = "occurred_at"
             WHERE "id" NOT IN (SELECT "event_id" FROM "event_outbox")
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_event_outbox_position"
        `);
    await queryRunner.query(`
            DROP TABLE "event_outbox"
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_domain_events_unpublished" ON "domain_events" USING btree ("position")
            WHERE (published_at IS NULL)
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_threads_topic_order" ON "threads" USING btree ("topic_id", "pinned", "last_activity_at")
        `);
  }
}
