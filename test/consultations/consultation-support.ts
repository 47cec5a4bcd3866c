import { randomUUID } from 'node:crypto';
import { as, givenUser, type TestUser } from '../support/factories';
import type { TestApp } from '../support/test-app';

export type OrgRole = 'admin' | 'member' | 'deputy';

/** The register's organisations by name (present in every installation: the Organisations migration). */
export async function organisationsByName(app: TestApp): Promise<Map<string, string>> {
  const rows: Array<{ id: string; name: string }> = await app.dataSource.query(
    `SELECT id, name FROM organisations`,
  );
  return new Map(rows.map((r) => [r.name, r.id]));
}

/**
 * A person of an organisation, the way people get there: they ask to belong (REST), a platform admin confirms
 * them with a role. `requested` leaves them asking (not confirmed).
 */
export async function givenOrgPerson(
  app: TestApp,
  platformAdmin: TestUser,
  orgId: string,
  role: OrgRole | 'requested',
  displayName?: string,
): Promise<TestUser> {
  const person = await givenUser(app, { displayName: displayName ?? `Sachbearbeitung ${role}` });
  await as(app, person).post(`/api/v1/organisations/${orgId}/membership-requests`).expect(201);
  if (role !== 'requested') {
    await as(app, platformAdmin)
      .put(`/api/v1/organisations/${orgId}/members/${person.id}`)
      .send({ role })
      .expect(200);
  }
  return person;
}

/** A deadline this far ahead (ISO). */
export function inDays(days: number, from = Date.now()): string {
  return new Date(from + days * 24 * 3600 * 1000).toISOString();
}

/** A survey round body (questions only, no draft) to the organisations given. */
export function surveyBody(organisationIds: string[], overrides: Record<string, unknown> = {}) {
  return {
    title: `Abfrage Sprachkurse ${randomUUID().slice(0, 6)}`,
    kind: 'survey',
    questions: [
      {
        id: 'wartezeit',
        text: 'Wie lange warten Menschen auf einen Integrationskurs (Wochen)?',
        type: 'number',
      },
      { id: 'angebot', text: 'Reicht das Angebot?', type: 'yesno' },
    ],
    addressees: { organisationIds },
    deadline: inDays(14),
    ...overrides,
  };
}
