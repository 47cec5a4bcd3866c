import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The register of the network's public bodies as of this migration (ministry, municipal associations, the 44
 * districts with Regierungsbezirk and Kreisschlüssel; ../shared/data/bw-organisations.json): present in every
 * installation. A district's name carries its kind where the place name alone is ambiguous ("Stadtkreis
 * Heilbronn", "Landkreis Heilbronn"), as the demo seed has always named them.
 */
const REGISTER: Array<
  [name: string, kind: string, regierungsbezirk: string | null, kreisschluessel: string | null]
> = [
  ['Ministerium für Soziales, Gesundheit und Integration Baden-Württemberg', 'ministry', null, null],
  ['Landkreistag Baden-Württemberg', 'association', null, null],
  ['Städtetag Baden-Württemberg', 'association', null, null],
  ['Gemeindetag Baden-Württemberg', 'association', null, null],
  ['Stadtkreis Stuttgart', 'Stadtkreis', 'Stuttgart', '08111'],
  ['Stadtkreis Heilbronn', 'Stadtkreis', 'Stuttgart', '08121'],
  ['Landkreis Böblingen', 'Landkreis', 'Stuttgart', '08115'],
  ['Landkreis Esslingen', 'Landkreis', 'Stuttgart', '08116'],
  ['Landkreis Göppingen', 'Landkreis', 'Stuttgart', '08117'],
  ['Landkreis Ludwigsburg', 'Landkreis', 'Stuttgart', '08118'],
  ['Rems-Murr-Kreis', 'Landkreis', 'Stuttgart', '08119'],
  ['Landkreis Heilbronn', 'Landkreis', 'Stuttgart', '08125'],
  ['Hohenlohekreis', 'Landkreis', 'Stuttgart', '08126'],
  ['Landkreis Schwäbisch Hall', 'Landkreis', 'Stuttgart', '08127'],
  ['Main-Tauber-Kreis', 'Landkreis', 'Stuttgart', '08128'],
  ['Landkreis Heidenheim', 'Landkreis', 'Stuttgart', '08135'],
  ['Ostalbkreis', 'Landkreis', 'Stuttgart', '08136'],
  ['Stadtkreis Baden-Baden', 'Stadtkreis', 'Karlsruhe', '08211'],
  ['Stadtkreis Karlsruhe', 'Stadtkreis', 'Karlsruhe', '08212'],
  ['Stadtkreis Heidelberg', 'Stadtkreis', 'Karlsruhe', '08221'],
  ['Stadtkreis Mannheim', 'Stadtkreis', 'Karlsruhe', '08222'],
  ['Stadtkreis Pforzheim', 'Stadtkreis', 'Karlsruhe', '08231'],
  ['Landkreis Karlsruhe', 'Landkreis', 'Karlsruhe', '08215'],
  ['Landkreis Rastatt', 'Landkreis', 'Karlsruhe', '08216'],
  ['Neckar-Odenwald-Kreis', 'Landkreis', 'Karlsruhe', '08225'],
  ['Rhein-Neckar-Kreis', 'Landkreis', 'Karlsruhe', '08226'],
  ['Landkreis Calw', 'Landkreis', 'Karlsruhe', '08235'],
  ['Enzkreis', 'Landkreis', 'Karlsruhe', '08236'],
  ['Landkreis Freudenstadt', 'Landkreis', 'Karlsruhe', '08237'],
  ['Stadtkreis Freiburg im Breisgau', 'Stadtkreis', 'Freiburg', '08311'],
  ['Landkreis Breisgau-Hochschwarzwald', 'Landkreis', 'Freiburg', '08315'],
  ['Landkreis Emmendingen', 'Landkreis', 'Freiburg', '08316'],
  ['Ortenaukreis', 'Landkreis', 'Freiburg', '08317'],
  ['Landkreis Rottweil', 'Landkreis', 'Freiburg', '08325'],
  ['Schwarzwald-Baar-Kreis', 'Landkreis', 'Freiburg', '08326'],
  ['Landkreis Tuttlingen', 'Landkreis', 'Freiburg', '08327'],
  ['Landkreis Konstanz', 'Landkreis', 'Freiburg', '08335'],
  ['Landkreis Lörrach', 'Landkreis', 'Freiburg', '08336'],
  ['Landkreis Waldshut', 'Landkreis', 'Freiburg', '08337'],
  ['Stadtkreis Ulm', 'Stadtkreis', 'Tübingen', '08421'],
  ['Landkreis Reutlingen', 'Landkreis', 'Tübingen', '08415'],
  ['Landkreis Tübingen', 'Landkreis', 'Tübingen', '08416'],
  ['Zollernalbkreis', 'Landkreis', 'Tübingen', '08417'],
  ['Alb-Donau-Kreis', 'Landkreis', 'Tübingen', '08425'],
  ['Landkreis Biberach', 'Landkreis', 'Tübingen', '08426'],
  ['Bodenseekreis', 'Landkreis', 'Tübingen', '08435'],
  ['Landkreis Ravensburg', 'Landkreis', 'Tübingen', '08436'],
  ['Landkreis Sigmaringen', 'Landkreis', 'Tübingen', '08437'],
];

/**
 * Organisations become the network's actors (issue 25): the register with kinds (ministry, association,
 * Stadtkreis, Landkreis, town, other), a town's district (`parent_id`), Regierungsbezirk, Kreisschlüssel and AGS;
 * memberships (organisation_members) that a person asks for and an organisation's admins confirm. The register is
 * written here (existing rows updated by name: today's kind `district` becomes Stadtkreis or Landkreis); the
 * organisation people chose for themselves becomes a request to that organisation, and their label stays empty
 * until it is confirmed (no events: nobody could have confirmed them yet). Notifications can be about an
 * organisation.
 */
export class Organisations1796900350000 implements MigrationInterface {
  name = 'Organisations1796900350000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."uq_organisations_name_kind"
        `);
    await queryRunner.query(`
            CREATE TABLE "organisation_members" (
                "organisation_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "role" character varying(10) NOT NULL DEFAULT 'member',
                "status" character varying(10) NOT NULL DEFAULT 'requested',
                "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "decided_by" uuid,
                "decided_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "ck_organisation_members_status" CHECK (status IN ('requested', 'confirmed')),
                CONSTRAINT "ck_organisation_members_role" CHECK (role IN ('admin', 'member', 'deputy')),
                CONSTRAINT "PK_3cc6551a3f80b7aca61439ac6a5" PRIMARY KEY ("organisation_id", "user_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_organisation_members_user" ON "organisation_members" ("user_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_organisation_members_confirmed_user" ON "organisation_members" ("user_id")
            WHERE status = 'confirmed'
        `);
    await queryRunner.query(`
            ALTER TABLE "organisations"
            ADD "parent_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "organisations"
            ADD "regierungsbezirk" character varying(20)
        `);
    await queryRunner.query(`
            ALTER TABLE "organisations"
            ADD "kreisschluessel" character varying(5)
        `);
    await queryRunner.query(`
            ALTER TABLE "organisations"
            ADD "ags" character varying(8)
        `);
    await queryRunner.query(`
            ALTER TABLE "organisations"
            ADD "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications"
            ADD "organisation_id" uuid
        `);
    // Today's districts: Stadtkreis or Landkreis (from the hint they carried); names made unique (the old index
    // was by name and kind) before the register is matched by name.
    await queryRunner.query(`
            UPDATE "organisations"
               SET kind = CASE WHEN detail LIKE 'Stadtkreis%' THEN 'Stadtkreis'
                               WHEN detail LIKE 'Landkreis%' OR name ILIKE '%kreis' THEN 'Landkreis'
                               ELSE 'other' END
             WHERE kind = 'district'
        `);
    await queryRunner.query(`
            UPDATE "organisations" o SET name = left(o.name, 180) || ' (' || o.kind || ')'
              FROM (SELECT id, row_number() OVER (
                      PARTITION BY name ORDER BY CASE WHEN kind IN ('town', 'other') THEN 1 ELSE 0 END, id) AS n
                      FROM "organisations") r
             WHERE r.id = o.id AND r.n > 1
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_organisations_ags" ON "organisations" ("ags")
            WHERE ags IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_organisations_kreisschluessel" ON "organisations" ("kreisschluessel")
            WHERE kreisschluessel IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_organisations_parent_name" ON "organisations" ("parent_id", "name")
            WHERE parent_id IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_organisations_name" ON "organisations" ("name")
            WHERE parent_id IS NULL
        `);
    await queryRunner.query(
      `INSERT INTO "organisations" (name, kind, regierungsbezirk, kreisschluessel)
       SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[])
       ON CONFLICT (name) WHERE parent_id IS NULL
       DO UPDATE SET kind = EXCLUDED.kind, regierungsbezirk = EXCLUDED.regierungsbezirk,
                     kreisschluessel = EXCLUDED.kreisschluessel`,
      [0, 1, 2, 3].map((i) => REGISTER.map((row) => row[i])),
    );
    await queryRunner.query(`
            ALTER TABLE "organisations"
            ADD CONSTRAINT "ck_organisations_ags" CHECK (ags ~ '^[0-9]{8}$')
        `);
    await queryRunner.query(`
            ALTER TABLE "organisations"
            ADD CONSTRAINT "ck_organisations_kreisschluessel" CHECK (kreisschluessel ~ '^[0-9]{5}$')
        `);
    await queryRunner.query(`
            ALTER TABLE "organisations"
            ADD CONSTRAINT "ck_organisations_kind" CHECK (
                    kind IN (
                        'ministry',
                        'association',
                        'Stadtkreis',
                        'Landkreis',
                        'town',
                        'other'
                    )
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "organisations"
            ADD CONSTRAINT "FK_41f1cc89689b55aede50d36d0ce" FOREIGN KEY ("parent_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "organisation_members"
            ADD CONSTRAINT "FK_588fd3930af62ea399879e1d7ab" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "organisation_members"
            ADD CONSTRAINT "FK_6d808506119822a1e47422b512a" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    // A label someone chose for themselves is a request now: shown once the organisation's admins confirm it.
    await queryRunner.query(`
            INSERT INTO "organisation_members" (organisation_id, user_id, role, status, requested_at)
            SELECT organisation_id, id, 'member', 'requested', now() FROM "users"
             WHERE organisation_id IS NOT NULL AND deleted_at IS NULL
        `);
    await queryRunner.query(`
            UPDATE "users" SET organisation_id = NULL WHERE organisation_id IS NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "organisations" DROP COLUMN "detail"
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications" DROP CONSTRAINT "ck_notifications_subject"
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications"
            ADD CONSTRAINT "ck_notifications_subject" CHECK (num_nonnulls("thread_id", "draft_id", "organisation_id") = 1)
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DELETE FROM "notifications" WHERE organisation_id IS NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications" DROP CONSTRAINT "ck_notifications_subject"
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications"
            ADD CONSTRAINT "ck_notifications_subject" CHECK (("thread_id" IS NULL) <> ("draft_id" IS NULL))
        `);
    await queryRunner.query(`
            ALTER TABLE "organisation_members" DROP CONSTRAINT "FK_6d808506119822a1e47422b512a"
        `);
    await queryRunner.query(`
            ALTER TABLE "organisation_members" DROP CONSTRAINT "FK_588fd3930af62ea399879e1d7ab"
        `);
    await queryRunner.query(`
            ALTER TABLE "organisations" DROP CONSTRAINT "FK_41f1cc89689b55aede50d36d0ce"
        `);
    await queryRunner.query(`
            ALTER TABLE "organisations" DROP CONSTRAINT "ck_organisations_kind"
        `);
    await queryRunner.query(`
            ALTER TABLE "organisations" DROP CONSTRAINT "ck_organisations_kreisschluessel"
        `);
    await queryRunner.query(`
            ALTER TABLE "organisations" DROP CONSTRAINT "ck_organisations_ags"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_organisations_name"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_organisations_parent_name"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_organisations_kreisschluessel"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_organisations_ags"
        `);
    await queryRunner.query(`
            ALTER TABLE "notifications" DROP COLUMN "organisation_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "organisations"
            ADD "detail" character varying(200)
        `);
    await queryRunner.query(`
            UPDATE "organisations"
               SET detail = kind || ' · Regierungsbezirk ' || regierungsbezirk, kind = 'district'
             WHERE kind IN ('Stadtkreis', 'Landkreis')
        `);
    await queryRunner.query(`
            UPDATE "users" u SET organisation_id = m.organisation_id
              FROM "organisation_members" m
             WHERE m.user_id = u.id AND u.organisation_id IS NULL AND m.status = 'requested'
        `);
    await queryRunner.query(`
            ALTER TABLE "organisations" DROP COLUMN "created_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "organisations" DROP COLUMN "ags"
        `);
    await queryRunner.query(`
            ALTER TABLE "organisations" DROP COLUMN "kreisschluessel"
        `);
    await queryRunner.query(`
            ALTER TABLE "organisations" DROP COLUMN "regierungsbezirk"
        `);
    await queryRunner.query(`
            ALTER TABLE "organisations" DROP COLUMN "parent_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_organisation_members_confirmed_user"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_organisation_members_user"
        `);
    await queryRunner.query(`
            DROP TABLE "organisation_members"
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_organisations_name_kind" ON "organisations" USING btree ("name", "kind")
        `);
  }
}
