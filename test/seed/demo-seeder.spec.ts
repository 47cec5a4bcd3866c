import { DemoSeeder, DEMO_PASSWORD } from '../../apps/api/src/seed/demo-seeder';
import { as } from '../support/factories';
import { freshDatabase, withEnv } from '../support/fresh-database';
import { startTestApp } from '../support/test-app';
import request from 'supertest';

describe('demo seed', () => {
  it('seeds the network’s bodies, demo people and a group once; a second run changes nothing', async () => {
    const db = await freshDatabase('seed');
    try {
      await withEnv({ DATABASE_URL: db.url }, async () => {
        const app = await startTestApp();
        try {
          const first = await new DemoSeeder(app.api).seed();
          expect(first).toMatch(/organisations: 48; demo people: 5/);
          const second = await new DemoSeeder(app.api).seed();
          expect(second).toMatch(/present already/);
          const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM users`);
          expect(n).toBe(5);
          const login = await request(app.url)
            .post('/api/v1/auth/login')
            .send({ email: 'admin@runde.demo', password: DEMO_PASSWORD })
            .expect(200);
          expect(login.body.user).toMatchObject({ isAdmin: true, organisation: { kind: 'ministry' } });
          const groups = await as(app, login.body).get('/api/v1/groups').expect(200);
          expect(groups.body.items).toEqual([
            expect.objectContaining({ name: 'Steuerungskreis Netzwerk Integration', memberCount: 5 }),
          ]);
          const orgs = await request(app.url).get('/api/v1/organisations').expect(200);
          expect(orgs.body.items.map((o: { name: string }) => o.name)).toEqual(
            expect.arrayContaining(['Stadtkreis Heilbronn', 'Landkreis Heilbronn', 'Ortenaukreis']),
          );
        } finally {
          await app.close();
        }
      });
    } finally {
      await db.drop();
    }
  });
});
