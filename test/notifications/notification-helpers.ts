import type { NotificationPayload } from '@runde/events';
import { as, TestGroup, TestUser } from '../support/factories';
import { eventsOf } from '../support/discussion-factories';
import { expectEventually } from '../support/expect-eventually';
import type { TestApp } from '../support/test-app';

/** A notification as GET /api/v1/notifications answers it (the event's payload type). */
export type NotificationBody = NotificationPayload;

/** GET /api/v1/notifications as `user` (all pages are not needed: tests stay below one page). */
export async function notificationsOf(app: TestApp, user: TestUser, query = ''): Promise<NotificationBody[]> {
  const res = await as(app, user).get(`/api/v1/notifications?limit=100${query}`).expect(200);
  return res.body.items as NotificationBody[];
}

/** Waits until `user` has a notification matching `predicate`, and returns it. */
export async function eventuallyNotified(
  app: TestApp,
  user: TestUser,
  predicate: (n: NotificationBody) => boolean,
): Promise<NotificationBody> {
  return expectEventually(async () => {
    const found = (await notificationsOf(app, user)).find(predicate);
    expect(found).toBeDefined();
    return found!;
  });
}

export async function unreadCountOf(app: TestApp, user: TestUser): Promise<number> {
  return (await as(app, user).get('/api/v1/notifications/unread-count').expect(200)).body.count;
}

/** The `notification.created` events on someone's `user:<id>` stream. */
/** The notification events on a person's stream (their own-state events, like thread.read, left out). */
export async function userEvents(app: TestApp, user: TestUser) {
  return (await eventsOf(app, `user:${user.id}`)).filter((e) => e.type === 'notification.created');
}

/** Adds an account to the group with a role (as the group's owner). */
export async function addMember(
  app: TestApp,
  group: TestGroup,
  user: TestUser,
  role: 'member' | 'observer' | 'moderator' = 'member',
): Promise<void> {
  await as(app, group.owner)
    .post(`/api/v1/groups/${group.id}/members`)
    .send({ userId: user.id, role })
    .expect(201);
}

/** The contract's error body. */
export function expectErrorBody(body: unknown, statusCode: number): void {
  expect(body).toEqual(
    expect.objectContaining({
      statusCode,
      code: expect.stringMatching(/^[A-Z_]+$/),
      message: expect.any(String),
    }),
  );
}
