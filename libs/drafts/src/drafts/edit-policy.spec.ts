import { decide } from '@runde/groups';
import { editModeFor, editorRoleOf, effectiveEditPolicy } from './edit-policy';

describe('editModeFor', () => {
  const now = new Date('2026-03-01T12:00:00Z');
  const later = new Date('2026-03-08T12:00:00Z');
  const earlier = new Date('2026-02-01T12:00:00Z');

  it.each([
    ['draft', 'member', 'edit'],
    ['draft', 'owner', 'edit'],
    ['revision', 'moderator', 'edit'],
    ['consultation', 'member', 'suggest'],
    ['consultation', 'moderator', 'suggest'],
    ['consultation', 'owner', 'suggest'],
    ['adopted', 'owner', 'read'],
    ['archived', 'member', 'read'],
    ['draft', 'observer', 'read'],
    ['consultation', 'observer', 'read'],
  ] as const)('defaults: %s, %s → %s', (status, role, mode) => {
    expect(editModeFor(status, role, null, status === 'consultation' ? later : null, now)).toBe(mode);
  });

  it('a consultation past its deadline is read-only for everyone', () => {
    expect(editModeFor('consultation', 'owner', null, earlier, now)).toBe('read');
    expect(editModeFor('consultation', 'member', { consultation: { member: 'edit' } }, earlier, now)).toBe(
      'read',
    );
  });

  it('a draft’s policy overrides a role in a status, never observers or frozen drafts', () => {
    const policy = { consultation: { member: 'comment' as const }, draft: { member: 'suggest' as const } };
    expect(editModeFor('consultation', 'member', policy, later, now)).toBe('comment');
    expect(editModeFor('consultation', 'owner', policy, later, now)).toBe('suggest');
    expect(editModeFor('draft', 'member', policy, null, now)).toBe('suggest');
    expect(editModeFor('revision', 'member', policy, null, now)).toBe('edit');
    expect(editModeFor('draft', 'observer', { draft: { member: 'edit' } }, null, now)).toBe('read');
    expect(editModeFor('adopted', 'owner', { draft: { owner: 'edit' } }, null, now)).toBe('read');
    expect(effectiveEditPolicy(policy).consultation).toEqual({
      owner: 'suggest',
      moderator: 'suggest',
      member: 'comment',
    });
  });

  it('platform admins act as owners; non-members who may write (network topics) as members', () => {
    expect(editorRoleOf(decide({ isAdmin: true }, null, 'group'))).toBe('owner');
    expect(editorRoleOf(decide({ isAdmin: true }, 'member', 'group'))).toBe('owner');
    expect(editorRoleOf(decide({ isAdmin: false }, 'moderator', 'group'))).toBe('moderator');
    expect(editorRoleOf(decide({ isAdmin: false }, null, 'network'))).toBe('member');
    expect(editorRoleOf(decide({ isAdmin: false }, 'observer', 'group'))).toBe('observer');
    expect(editorRoleOf(decide({ isAdmin: false }, null, 'group'))).toBeNull();
  });
});
