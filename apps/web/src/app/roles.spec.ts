import { assignableRoles, isRole, ROLE_LABELS, ROLES } from './roles';

describe('assignableRoles', () => {
  it('lets a hub manager give every role but admin', () => {
    expect(assignableRoles('hub_manager')).toEqual(ROLES.filter((role) => role !== 'admin'));
  });

  it('lets an admin give every role', () => {
    expect(assignableRoles('admin')).toEqual([...ROLES]);
  });
});

describe('isRole', () => {
  it('accepts the six roles and nothing else', () => {
    expect(ROLES.every(isRole)).toBe(true);
    expect(['', 'root', 'Hub_manager', undefined, 3].some(isRole)).toBe(false);
  });

  it('has a label for every role', () => {
    expect(ROLES.map((role) => ROLE_LABELS[role]).every((label) => label.length > 0)).toBe(true);
  });
});
