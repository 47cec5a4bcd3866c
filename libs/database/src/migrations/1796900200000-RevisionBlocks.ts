import { MigrationInterface, QueryRunner } from 'typeorm';

/** Revisions keep the Randnummern of their blocks (null for those made before). */
export class RevisionBlocks1796900200000 implements MigrationInterface {
  name = 'RevisionBlocks1796900200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "draft_revisions"
            ADD "blocks" jsonb
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "draft_revisions" DROP COLUMN "blocks"
        `);
  }
}
