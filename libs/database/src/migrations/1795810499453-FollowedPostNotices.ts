import { MigrationInterface, QueryRunner } from 'typeorm';

export class FollowedPostNotices1795810499453 implements MigrationInterface {
  name = 'FollowedPostNotices1795810499453';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "followed_post_notices" (
                "user_id" uuid NOT NULL,
                "post_id" uuid NOT NULL,
                CONSTRAINT "PK_615919ec70ae282582f40f1ccff" PRIMARY KEY ("user_id", "post_id")
            )
        `);
    // The posts that unread and read followed-thread notices name are counted already; the notices' other counted
    // posts were never recorded, so only events from here on are safe to run again.
    await queryRunner.query(`
            INSERT INTO "followed_post_notices" ("user_id", "post_id")
            SELECT DISTINCT user_id, post_id FROM notifications
             WHERE kind = 'followed_thread' AND post_id IS NOT NULL
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TABLE "followed_post_notices"
        `);
  }
}
