import { MigrationInterface, QueryRunner } from 'typeorm';

export class Domains1795534327134 implements MigrationInterface {
  name = 'Domains1795534327134';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "topics" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "group_id" uuid NOT NULL,
                "title" character varying(200) NOT NULL,
                "description" character varying(2000) NOT NULL DEFAULT '',
                "visibility" character varying(10) NOT NULL,
                "created_by" uuid,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_e4aa99a3fa60ec3a37d1fc4e853" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_topics_group" ON "topics" ("group_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "threads" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "topic_id" uuid NOT NULL,
                "group_id" uuid NOT NULL,
                "title" character varying(200) NOT NULL,
                "author_id" uuid NOT NULL,
                "locked" boolean NOT NULL DEFAULT false,
                "pinned" boolean NOT NULL DEFAULT false,
                "slow_mode_seconds" integer NOT NULL DEFAULT '0',
                "post_count" integer NOT NULL DEFAULT '0',
                "last_post_seq" integer NOT NULL DEFAULT '0',
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "last_activity_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_d8a74804c34fc3900502cd27275" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_threads_group" ON "threads" ("group_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_threads_topic_order" ON "threads" ("topic_id", "pinned", "last_activity_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "posts" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "thread_id" uuid NOT NULL,
                "seq" integer NOT NULL,
                "author_id" uuid NOT NULL,
                "body" text NOT NULL,
                "reply_to_id" uuid,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "edited_at" TIMESTAMP(3) WITH TIME ZONE,
                "deleted_at" TIMESTAMP(3) WITH TIME ZONE,
                "hidden" boolean NOT NULL DEFAULT false,
                "hidden_reason" character varying(20),
                "hidden_note" character varying(1000),
                "hidden_by" uuid,
                "hidden_at" TIMESTAMP(3) WITH TIME ZONE,
                CONSTRAINT "PK_2829ac61eff60fcec60d7274b9e" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_posts_author" ON "posts" ("author_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_posts_thread_seq" ON "posts" ("thread_id", "seq")
        `);
    await queryRunner.query(`
            CREATE TABLE "post_revisions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "post_id" uuid NOT NULL,
                "body" text NOT NULL,
                "edited_by" uuid NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_871219c3d5044d70ff7d59480b8" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_post_revisions_post" ON "post_revisions" ("post_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "flags" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "post_id" uuid NOT NULL,
                "thread_id" uuid NOT NULL,
                "group_id" uuid NOT NULL,
                "reporter_id" uuid NOT NULL,
                "reason" character varying(1000) NOT NULL,
                "status" character varying(10) NOT NULL DEFAULT 'open',
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "resolved_by" uuid,
                "resolved_at" TIMESTAMP(3) WITH TIME ZONE,
                CONSTRAINT "PK_ea7e333c92a55de9e9b8d0b9afd" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_flags_open_per_reporter" ON "flags" ("post_id", "reporter_id")
            WHERE status = 'open'
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_flags_group_status" ON "flags" ("group_id", "status", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "moderation_actions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "group_id" uuid NOT NULL,
                "actor_id" uuid NOT NULL,
                "action" character varying(20) NOT NULL,
                "target_type" character varying(10) NOT NULL,
                "target_id" uuid NOT NULL,
                "reason_code" character varying(20),
                "note" character varying(1000),
                "details" jsonb NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_d259906fb4d2a5ef718f1f66e35" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_moderation_actions_group" ON "moderation_actions" ("group_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "groups" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" character varying(120) NOT NULL,
                "description" character varying(2000) NOT NULL DEFAULT '',
                "created_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_659d1483316afb28afd3a90646e" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "group_members" (
                "group_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "role" character varying(20) NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_f5939ee0ad233ad35e03f5c65c1" PRIMARY KEY ("group_id", "user_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_group_members_user" ON "group_members" ("user_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "invitations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "group_id" uuid NOT NULL,
                "email_normalized" character varying(254) NOT NULL,
                "role" character varying(20) NOT NULL,
                "token_hash" character varying(64) NOT NULL,
                "invited_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "accepted_at" TIMESTAMP WITH TIME ZONE,
                "accepted_by" uuid,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_5dec98cfdfd562e4ad3648bbb07" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_invitations_group" ON "invitations" ("group_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_invitations_token_hash" ON "invitations" ("token_hash")
        `);
    await queryRunner.query(`
            CREATE TABLE "refresh_tokens" (
                "id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "family_id" uuid NOT NULL,
                "token_hash" character varying(64) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "user_agent" character varying(300),
                CONSTRAINT "PK_7d8bee0204106019488c4c50ffa" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_refresh_tokens_user" ON "refresh_tokens" ("user_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_refresh_tokens_family" ON "refresh_tokens" ("family_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "organisations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" character varying(200) NOT NULL,
                "kind" character varying(20) NOT NULL,
                "detail" character varying(200),
                CONSTRAINT "PK_7bf54cba378d5b2f1d4c10ef4df" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_organisations_name_kind" ON "organisations" ("name", "kind")
        `);
    await queryRunner.query(`
            CREATE TABLE "users" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "email" character varying(254) NOT NULL,
                "email_normalized" character varying(254) NOT NULL,
                "password_hash" character varying(255) NOT NULL,
                "display_name" character varying(100) NOT NULL,
                "is_admin" boolean NOT NULL DEFAULT false,
                "organisation_id" uuid,
                "locale" character varying(5) NOT NULL DEFAULT 'de',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_users_email_normalized" ON "users" ("email_normalized")
        `);
    await queryRunner.query(`
            CREATE TABLE "follows" (
                "user_id" uuid NOT NULL,
                "target_type" character varying(10) NOT NULL,
                "target_id" uuid NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_2e9df0229e79b4eea66e8b6b74c" PRIMARY KEY ("user_id", "target_type", "target_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_follows_target" ON "follows" ("target_type", "target_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "thread_reads" (
                "user_id" uuid NOT NULL,
                "thread_id" uuid NOT NULL,
                "last_read_seq" integer NOT NULL DEFAULT '0',
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_21fb598bdd8f46af57ee725b172" PRIMARY KEY ("user_id", "thread_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "notifications" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "kind" character varying(20) NOT NULL,
                "thread_id" uuid NOT NULL,
                "post_id" uuid,
                "actor_id" uuid,
                "count" integer NOT NULL DEFAULT '1',
                "source_event_id" uuid NOT NULL,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "read_at" TIMESTAMP(3) WITH TIME ZONE,
                CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_notifications_source" ON "notifications" ("user_id", "source_event_id", "kind")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_notifications_unread_followed" ON "notifications" ("user_id", "thread_id")
            WHERE kind = 'followed_thread'
                AND read_at IS NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_notifications_user" ON "notifications" ("user_id", "created_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD CONSTRAINT "FK_2fc4294f8ec97da71d587dc5577" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    // German full-text search (hand-written: TypeORM does not model expression indexes).
    // Queries must use exactly these expressions to hit the indexes.
    await queryRunner.query(
      `CREATE INDEX "ix_threads_search" ON "threads" USING GIN (to_tsvector('german', "title"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_posts_search" ON "posts" USING GIN (to_tsvector('german', "body"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_posts_search"`);
    await queryRunner.query(`DROP INDEX "public"."ix_threads_search"`);
    await queryRunner.query(`
            ALTER TABLE "users" DROP CONSTRAINT "FK_2fc4294f8ec97da71d587dc5577"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_notifications_user"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_notifications_unread_followed"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_notifications_source"
        `);
    await queryRunner.query(`
            DROP TABLE "notifications"
        `);
    await queryRunner.query(`
            DROP TABLE "thread_reads"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_follows_target"
        `);
    await queryRunner.query(`
            DROP TABLE "follows"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_users_email_normalized"
        `);
    await queryRunner.query(`
            DROP TABLE "users"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_organisations_name_kind"
        `);
    await queryRunner.query(`
            DROP TABLE "organisations"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_refresh_tokens_family"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_refresh_tokens_user"
        `);
    await queryRunner.query(`
            DROP TABLE "refresh_tokens"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_invitations_token_hash"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_invitations_group"
        `);
    await queryRunner.query(`
            DROP TABLE "invitations"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_group_members_user"
        `);
    await queryRunner.query(`
            DROP TABLE "group_members"
        `);
    await queryRunner.query(`
            DROP TABLE "groups"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_moderation_actions_group"
        `);
    await queryRunner.query(`
            DROP TABLE "moderation_actions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_flags_group_status"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_flags_open_per_reporter"
        `);
    await queryRunner.query(`
            DROP TABLE "flags"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_post_revisions_post"
        `);
    await queryRunner.query(`
            DROP TABLE "post_revisions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_posts_thread_seq"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_posts_author"
        `);
    await queryRunner.query(`
            DROP TABLE "posts"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_threads_topic_order"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_threads_group"
        `);
    await queryRunner.query(`
            DROP TABLE "threads"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_topics_group"
        `);
    await queryRunner.query(`
            DROP TABLE "topics"
        `);
  }
}
