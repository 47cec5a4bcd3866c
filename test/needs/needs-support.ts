import { as, givenAdmin, type TestUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { givenOrgPerson, organisationsByName } from '../consultations/consultation-support';

export const MINISTRY = 'Ministerium für Soziales, Gesundheit und Integration Baden-Württemberg';

/** An entry as PUT …/reports/:orgId takes it. */
export const entry = (overrides: Record<string, unknown> = {}) => ({
  field: 'sprache',
  targetGroup: 'Neu Zugewanderte mit Kindern',
  affected: 120,
  trend: 'rising',
  severity: 4,
  missing: 'Kurse mit Kinderbetreuung',
  visibility: 'network',
  ...overrides,
});

export interface NeedsWorld {
  admin: TestUser;
  ministry: TestUser;
  orgs: Map<string, string>;
  /** The register's districts: id, name, Kreisschlüssel, Regierungsbezirk. */
  districts: Array<{ id: string; name: string; kreisschluessel: string; regierungsbezirk: string }>;
}

/** A platform admin, an admin of the ministry, and the register. */
export async function givenNeedsWorld(app: TestApp): Promise<NeedsWorld> {
  const admin = await givenAdmin(app);
  const orgs = await organisationsByName(app);
  const ministry = await givenOrgPerson(app, admin, orgs.get(MINISTRY)!, 'admin', 'Ministerium');
  const districts = await app.dataSource.query(
    `SELECT id, name, kreisschluessel, regierungsbezirk FROM organisations
      WHERE kind IN ('Landkreis', 'Stadtkreis') ORDER BY kreisschluessel`,
  );
  return { admin, ministry, orgs, districts };
}

/** A round opened by the ministry (its first period opens at once); its id and that period's. */
export async function givenRound(
  app: TestApp,
  ministry: TestUser,
  body: Record<string, unknown> = {},
): Promise<{ roundId: string; periodId: string }> {
  const created = await as(app, ministry)
    .post('/api/v1/needs/rounds')
    .send({
      title: 'Bedarfsmeldung',
      cadence: 'quarterly',
      reporters: { sets: ['districts'] },
      dueDays: 30,
      ...body,
    })
    .expect(201);
  const periods = await as(app, ministry).get(`/api/v1/needs/rounds/${created.body.id}/periods`).expect(200);
  return { roundId: created.body.id, periodId: periods.body.items[0].id };
}
