import type { INestApplicationContext } from '@nestjs/common';
import { DataSource, In, IsNull } from 'typeorm';
import { TopicEntity } from '@runde/discussion';
import { GroupEntity, GroupsService, MembersService } from '@runde/groups';
import {
  AuthService,
  Caller,
  OrganisationEntity,
  OrganisationMembers,
  UserEntity,
  UsersService,
} from '@runde/identity';
import { APP_CONFIG, AppConfig } from '@runde/platform';
import organisations from './data/bw-organisations.json';
import { seedDemoContent } from './demo-content';

export const DEMO_PASSWORD = 'runde-demo-2026';

const DEMO_GROUP = {
  name: 'Steuerungskreis Netzwerk Integration',
  description: 'Land und Kommunen: Bedarfe früh erkennen, Strategien gemeinsam entwickeln.',
};

/**
 * The demo people and their organisations, confirmed with a role: the ministry's and the Landkreistag's people as
 * their admins; the Ortenaukreis with an admin and a deputy (Vertretung), so that a consultation round shows a
 * district's statement drafted, and released by either of the two.
 */
const DEMO_PEOPLE = [
  {
    email: 'admin@runde.demo',
    displayName: 'Amelie Brandt',
    org: 'Ministerium für Soziales, Gesundheit und Integration Baden-Württemberg',
    orgRole: 'admin',
  },
  {
    email: 'j.keller@runde.demo',
    displayName: 'Jonas Keller',
    org: 'Landkreistag Baden-Württemberg',
    orgRole: 'admin',
  },
  {
    email: 's.yilmaz@runde.demo',
    displayName: 'Selin Yılmaz',
    org: 'Stadtkreis Stuttgart',
    orgRole: 'admin',
  },
  { email: 'm.wagner@runde.demo', displayName: 'Markus Wagner', org: 'Ortenaukreis', orgRole: 'admin' },
  { email: 'l.fischer@runde.demo', displayName: 'Lena Fischer', org: 'Ortenaukreis', orgRole: 'deputy' },
] as const;

/**
 * Demo data for a first look: the network's public bodies (always) and, outside production, a few people, a
 * working group and its content (topics, discussions, a strategy draft: demo-content.ts). Idempotent: a second
 * run changes nothing.
 */
export class DemoSeeder {
  constructor(private readonly app: INestApplicationContext) {}

  async seed(): Promise<string> {
    const dataSource = this.app.get(DataSource);
    const config = this.app.get<AppConfig>(APP_CONFIG);
    const orgCount = await this.seedOrganisations(dataSource);
    if (config.NODE_ENV === 'production')
      return `organisations: ${orgCount} (no demo accounts in production)`;
    const signIn = `sign in as ${DEMO_PEOPLE[0].email} / ${DEMO_PASSWORD}`;
    const existing = await this.existingCast(dataSource);
    if (existing === 'partial') return `organisations: ${orgCount}; demo data present already (${signIn})`;
    const { people, groupId } = existing ?? (await this.seedPeopleAndGroup(dataSource));
    await this.confirmMemberships(dataSource, people);
    // The content once, also for a demo seeded before it existed (people and group there, no topics yet).
    const hasTopics = await dataSource.getRepository(TopicEntity).existsBy({ groupId });
    const content = hasTopics
      ? null
      : await seedDemoContent(this.app, groupId, {
          leader: people[0],
          moderator: people[1],
          stuttgart: people[2],
          ortenau: people[3],
        });
    const added = content
      ? `; demo content: ${content.topics} topics, ${content.threads} threads, ${content.posts} posts, ${content.drafts} draft`
      : '';
    if (existing) return `organisations: ${orgCount}; demo data present already${added} (${signIn})`;
    return `organisations: ${orgCount}; demo people: ${people.length}${added} (${signIn})`;
  }

  /**
   * The demo people (as callers, in DEMO_PEOPLE's order) and their group if seeded before; null if not; 'partial'
   * if someone changed them since (then the seed leaves everything alone).
   */
  private async existingCast(
    dataSource: DataSource,
  ): Promise<{ people: Caller[]; groupId: string } | 'partial' | null> {
    const users = await dataSource
      .getRepository(UserEntity)
      .findBy({ emailNormalized: In(DEMO_PEOPLE.map((p) => p.email)) });
    if (users.length === 0) return null;
    const byEmail = new Map(users.map((u) => [u.emailNormalized, u.id]));
    const ids = DEMO_PEOPLE.map((p) => byEmail.get(p.email));
    const group = await dataSource.getRepository(GroupEntity).findOneBy({ name: DEMO_GROUP.name });
    if (ids.some((id) => !id) || !group) return 'partial';
    const callers = this.app.get(UsersService);
    const people = await Promise.all(ids.map((id) => callers.caller(id!)));
    return { people: people.map((p, i) => (i === 0 ? { ...p, isAdmin: true } : p)), groupId: group.id };
  }

  private async seedPeopleAndGroup(dataSource: DataSource): Promise<{ people: Caller[]; groupId: string }> {
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
    people[0] = { ...people[0], isAdmin: true };
    const [admin, ...others] = people;
    const group = await this.app.get(GroupsService).create(admin, DEMO_GROUP);
    const roles = ['moderator', 'member', 'member', 'observer'] as const;
    for (const [i, person] of others.entries()) {
      await this.app.get(MembersService).add(admin, group.id, person.id, roles[i]);
    }
    return { people, groupId: group.id };
  }

  /**
   * Each demo person a confirmed member of their organisation with their role, as its admins would confirm them
   * (idempotent: a membership in place stays; a person who belongs elsewhere since is left alone).
   */
  private async confirmMemberships(dataSource: DataSource, people: Caller[]): Promise<void> {
    const members = this.app.get(OrganisationMembers);
    const orgs = await dataSource.getRepository(OrganisationEntity).findBy({
      name: In(DEMO_PEOPLE.map((p) => p.org)),
      parentId: IsNull(),
    });
    const admin = people[0];
    for (const [i, person] of DEMO_PEOPLE.entries()) {
      const org = orgs.find((o) => o.name === person.org);
      if (!org) continue;
      const own = (await members.mine(people[i].id)).items;
      if (own.some((m) => m.status === 'confirmed')) continue;
      if (!own.some((m) => m.organisation.id === org.id)) await members.request(people[i], org.id);
      await members.setRole(admin, org.id, people[i].id, person.orgRole);
    }
  }

  /**
   * The register (ministry, associations, 44 districts): the OrganisationRegister migration wrote it already;
   * this keeps it in step with the data file (by name) and counts the organisations.
   */
  private async seedOrganisations(dataSource: DataSource): Promise<number> {
    const rows = [
      ...organisations.state.map((o) => ({ name: o.name, kind: 'ministry', rb: null, ks: null })),
      ...organisations.municipalAssociations.map((o) => ({
        name: o.name,
        kind: 'association',
        rb: null,
        ks: null,
      })),
      ...organisations.districts.map((o) => ({
        name: districtName(o.name, o.kind),
        kind: o.kind,
        rb: o.regierungsbezirk,
        ks: o.kreisschluessel,
      })),
    ];
    await dataSource.query(
      `INSERT INTO organisations (name, kind, regierungsbezirk, kreisschluessel)
       SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[])
       ON CONFLICT (name) WHERE parent_id IS NULL
       DO UPDATE SET kind = EXCLUDED.kind, regierungsbezirk = EXCLUDED.regierungsbezirk,
                     kreisschluessel = EXCLUDED.kreisschluessel`,
      [rows.map((r) => r.name), rows.map((r) => r.kind), rows.map((r) => r.rb), rows.map((r) => r.ks)],
    );
    return dataSource.getRepository(OrganisationEntity).count();
  }
}

/** "Stadtkreis Heilbronn" and "Landkreis Heilbronn" are two bodies: the kind is part of the name. */
function districtName(name: string, kind: string): string {
  if (/kreis$/i.test(name)) return name;
  return `${kind} ${name}`;
}
