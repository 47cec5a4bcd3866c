import { as, givenUser } from '../support/factories';
import { withEnv } from '../support/fresh-database';
import { startTestApp, TestApp } from '../support/test-app';

describe('write rate limit', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await withEnv({ WRITE_RATE_LIMIT_PER_MINUTE: '3' }, () => startTestApp());
  });
  afterAll(() => app.close());

  it('the N+1-th write of one person inside the window is 429 with retryAfterSeconds; reads go on', async () => {
    const user = await givenUser(app);
    for (let i = 0; i < 3; i++)
      await as(app, user)
        .post('/api/v1/groups')
        .send({ name: `AG ${i}` })
        .expect(201);
    const res = await as(app, user).post('/api/v1/groups').send({ name: 'AG 4' }).expect(429);
    expect(res.body).toMatchObject({
      statusCode: 429,
      code: 'RATE_LIMITED',
      retryAfterSeconds: expect.any(Number),
    });
    await as(app, user).get('/api/v1/groups').expect(200);
    const other = await givenUser(app);
    await as(app, other).post('/api/v1/groups').send({ name: 'AG anderswo' }).expect(201);
  });
});
