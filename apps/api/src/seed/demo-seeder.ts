import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GroupsService, MembersService } from '@runde/groups';
import { AuthService, Caller, OrganisationEntity, UserEntity, UsersService } from '@runde/identity';
import { APP_CONFIG, AppConfig } from '@runde/platform';
import organisations from './data/bw-organisations.json';

export const DEMO_PASSWORD = 'runde-demo-2026';

const DEMO_PEOPLE = [
  {
    email: 'admin@runde.demo',
    displayName: 'Amelie Brandt',
    org: 'Ministerium für Soziales, Gesundheit und Integration Baden-Württemberg',
  },
  { email: 'j.keller@runde.demo', displayName: 'Jonas Keller', org: 'Landkreistag Baden-Württemberg' },
  { email: 's.yilmaz@runde.demo', displayName: 'Selin Yılmaz', org: 'Stadtkreis Stuttgart' },
  { email: 'm.wagner@runde.demo', displayName: 'Markus Wagner', org: 'Ortenaukreis' },
  { email: 'l.fischer@runde.demo', displayName: 'Lena Fischer', org: 'Stadtkreis Freiburg im Breisgau' },
] as const;

/**
 * Demo data for a first look: the network's public bodies (always) and, outside production, a few people and a
 * working group. Idempotent: a second run changes nothing.
 */
export class DemoSeeder {
  constructor(private readonly app: INestApplicationContext) {}

  async seed(): Promise<string> {
    const dataSource = this.app.get(DataSource);
    const config = this.app.get<AppConfig>(APP_CONFIG);
    const orgCount = await this.seedOrganisations(dataSource);
    if (config.NODE_ENV === 'production')
      return `organisations: ${orgCount} (no demo accounts in production)`;
    if (await dataSource.getRepository(UserEntity).existsBy({ emailNormalized: DEMO_PEOPLE[0].email })) {
      return `organisations: ${orgCount}; demo data present already (sign in as ${DEMO_PEOPLE[0].email} / ${DEMO_PASSWORD})`;
    }
    const orgs = await dataSource.getRepository(OrganisationEntity).find();
    const auth = this.app.get(AuthService);
    const people: Caller[] = [];
    for (const person of DEMO_PEOPLE) {
      const org = orgs.find((o) => o.name === person.org);
      const session = await auth.register(
        {
          email: person.email,
          password: DEMO_PASSWORD,
          displayName: person.displayName,
          organisationId: org?.id,
        },
        'seed',
      );
      people.push(await this.app.get(UsersService).caller(session.user.id));
    }
    await dataSource
      .getRepository(UserEntity)
      .update({ emailNormalized: DEMO_PEOPLE[0].email }, { isAdmin: true });
    const [admin, ...others] = people;
    const group = await this.app.get(GroupsService).create(
      { ...admin, isAdmin: true },
      {
        name: 'Steuerungskreis Netzwerk Integration',
        description: 'Land und Kommunen: Bedarfe früh erkennen, Strategien gemeinsam entwickeln.',
      },
    );
    const roles = ['moderator', 'member', 'member', 'observer'] as const;
    for (const [i, person] of others.entries()) {
      await this.app.get(MembersService).add({ ...admin, isAdmin: true }, group.id, person.id, roles[i]);
    }
    return `organisations: ${orgCount}; demo people: ${people.length} (sign in as ${DEMO_PEOPLE[0].email} / ${DEMO_PASSWORD})`;
  }

  private async seedOrganisations(dataSource: DataSource): Promise<number> {
    const rows = [
      ...organisations.state.map((o) => ({ name: o.name, kind: 'ministry' as const, detail: null })),
      ...organisations.municipalAssociations.map((o) => ({
        name: o.name,
        kind: 'association' as const,
        detail: null,
      })),
      ...organisations.districts.map((o) => ({
        name: districtName(o.name, o.kind),
        kind: 'district' as const,
        detail: `${o.kind} · Regierungsbezirk ${o.regierungsbezirk}`,
      })),
    ];
    await dataSource.createQueryBuilder().insert().into(OrganisationEntity).values(rows).orIgnore().execute();
    return dataSource.getRepository(OrganisationEntity).count();
  }
}

/** "Stadtkreis Heilbronn" and "Landkreis Heilbronn" are two bodies: the kind is part of the name. */
function districtName(name: string, kind: string): string {
  if (/kreis$/i.test(name)) return name;
  return `${kind} ${name}`;
}
