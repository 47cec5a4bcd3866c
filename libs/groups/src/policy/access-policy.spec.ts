import { decide } from './access-policy';

describe('decide', () => {
  const user = { isAdmin: false };
  it.each([
    ['owner', 'group', { read: true, write: true, moderate: true, grantRoles: true }],
    ['moderator', 'group', { read: true, write: true, moderate: true, grantRoles: false }],
    ['member', 'group', { read: true, write: true, moderate: false, manageMembers: false }],
    ['observer', 'group', { read: true, write: false, moderate: false }],
    [null, 'group', { read: false, write: false, moderate: false }],
    [null, 'network', { read: true, write: true, moderate: false }],
    ['observer', 'network', { read: true, write: true, moderate: false }],
  ] as const)('%s on a %s resource', (role, visibility, expected) => {
    expect(decide(user, role, visibility)).toMatchObject(expected);
  });

  it('platform admins may do everything everywhere', () => {
    expect(decide({ isAdmin: true }, null, 'group')).toMatchObject({
      read: true,
      write: true,
      moderate: true,
      manageMembers: true,
      grantRoles: true,
    });
  });
});
