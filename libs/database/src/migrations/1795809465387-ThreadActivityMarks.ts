import { MigrationInterface, QueryRunner } from 'typeorm';

export class ThreadActivityMarks1795809465387 implements MigrationInterface {
  name = 'ThreadActivityMarks1795809465387';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "thread_activity_marks" (
                "thread_id" uuid NOT NULL,
                "head" bigint NOT NULL,
                CONSTRAINT "PK_fe0ec0df847028bc5dcb995c064" PRIMARY KEY ("thread_id")
            )
        `);
    // Existing threads count as announced where they are now, so a topic's first topic.activity lists only
    // what changes from here on.
    await queryRunner.query(`
            INSERT INTO "thread_activity_marks" ("thread_id", "head")
            SELECT t.id, es.head FROM threads t JOIN event_streams es ON es.stream = 'thread:' || t.id
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TABLE "thread_activity_marks"
        `);
  }
}
