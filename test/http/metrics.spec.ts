import { Metrics, QueueName, QueueService } from '@runde/events';
import { as, givenAdmin, givenGroup, givenUser, type TestUser } from '../support/factories';
import { givenTopic } from '../support/discussion-factories';
import { expectEventually } from '../support/expect-eventually';
import { connectSocket } from '../support/sockets';
import { startTestApp, waitForQueuesToDrain, type TestApp } from '../support/test-app';

/** The value of a series in Prometheus' text format (summed over the label sets that match). */
function value(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  let found = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || !line.startsWith(name)) continue;
    const m = /^([a-z_]+)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const set = m[2] ?? '';
    if (Object.entries(labels).every(([k, v]) => set.includes(`${k}="${v}"`))) {
      sum += Number(m[3]);
      found = true;
    }
  }
  if (!found) throw new Error(`no series ${name} ${JSON.stringify(labels)}`);
  return sum;
}

describe('/metrics', () => {
  let app: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    admin = await givenAdmin(app);
  });
  afterAll(() => app.close());

  it('exposes request rates and latencies, sockets, queue depths, event lag and failed jobs after traffic', async () => {
    const group = await givenGroup(app);
    await givenTopic(app, group);
    for (let i = 0; i < 3; i++)
      await as(app, group.people.member).get(`/api/v1/groups/${group.id}`).expect(200);
    const socket = await connectSocket(app, group.people.member.accessToken);
    // A job that fails: no handler for it.
    await app.api.get(QueueService).queue(QueueName.Maintenance).add('no-such-job', {}, { attempts: 1 });
    await waitForQueuesToDrain(app);
    const workerMetrics = app.worker!.get(Metrics);
    await expectEventually(() => {
      if (!workerMetrics.failedJobs) throw new Error('no counter');
    });
    let text = '';
    await expectEventually(async () => {
      await workerMetrics.publishNow();
      const res = await as(app, admin).get('/metrics').expect(200);
      text = res.text;
      expect(value(text, 'runde_jobs_failed_total', { job: 'no-such-job' })).toBeGreaterThanOrEqual(1);
      expect(value(text, 'runde_event_lag_seconds_count')).toBeGreaterThan(0);
    });
    expect(
      value(text, 'runde_http_requests_total', { route: '/api/v1/groups/:groupId', status: '200' }),
    ).toBeGreaterThanOrEqual(3);
    expect(
      value(text, 'runde_http_request_duration_seconds_count', { route: '/api/v1/groups/:groupId' }),
    ).toBeGreaterThanOrEqual(3);
    expect(value(text, 'runde_socket_connections')).toBeGreaterThanOrEqual(1);
    expect(() => value(text, 'runde_queue_jobs', { queue: 'events', state: 'waiting' })).not.toThrow();
    socket.close();
  });

  it('is guarded like the queue dashboard', async () => {
    const res = await as(app).get('/metrics').expect(401);
    expect(res.body).toMatchObject({ code: 'UNAUTHORIZED' });
    const someone = await givenUser(app);
    await as(app, someone).get('/metrics').expect(403);
  });
});
