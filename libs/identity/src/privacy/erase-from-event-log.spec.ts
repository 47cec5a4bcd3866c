import { withoutPerson } from './erase-from-event-log';

const ME = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const org = { id: 'o1', name: 'Landratsamt Tübingen', kind: 'district', detail: null };

describe('withoutPerson', () => {
  it('anonymises a post’s author and the author named in its reply, and nobody else', () => {
    const data = {
      post: {
        id: 'p2',
        authorId: OTHER,
        author: { id: OTHER, displayName: 'Sam Other', organisation: null, deleted: false },
        body: 'Antwort',
        replyTo: { id: 'p1', seq: 1, authorId: ME, authorName: 'Mia Me', excerpt: 'Frage' },
      },
    };
    expect(withoutPerson(data, ME)).toEqual({
      post: { ...data.post, replyTo: { ...data.post.replyTo, authorName: null } },
    });
    expect(withoutPerson(data, OTHER)).toEqual({
      post: { ...data.post, author: { id: OTHER, displayName: null, organisation: null, deleted: true } },
    });
  });

  it('anonymises members and notification actors, inside arrays too', () => {
    const data = {
      members: [
        { userId: ME, displayName: 'Mia Me', organisation: org, role: 'member', deleted: false },
        { userId: OTHER, displayName: 'Sam Other', organisation: org, role: 'owner', deleted: false },
      ],
      notification: { id: 'n', actor: { id: ME, displayName: 'Mia Me', organisation: org, deleted: false } },
    };
    const out = withoutPerson(data, ME) as typeof data;
    expect(out.members[0]).toEqual({
      ...data.members[0],
      displayName: null,
      organisation: null,
      deleted: true,
    });
    expect(out.members[1]).toBe(data.members[1]);
    expect(out.notification.actor).toEqual({ id: ME, displayName: null, organisation: null, deleted: true });
  });

  it('returns the very same object when the person is not named', () => {
    const data = { thread: { id: 't', authorId: OTHER, title: `über ${ME}` } };
    expect(withoutPerson(data, ME)).toBe(data);
  });
});
