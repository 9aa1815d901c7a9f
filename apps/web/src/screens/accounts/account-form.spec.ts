import { type AccountForm, accountFormErrors, MIN_PASSWORD_LENGTH } from './account-form';

const aForm = (overrides: Partial<AccountForm> = {}): AccountForm => ({
  displayName: 'Sam Link',
  email: 'sam.link@hub1.example.nhs.uk',
  role: 'link_worker',
  password: 'x'.repeat(MIN_PASSWORD_LENGTH),
  ...overrides,
});

describe('accountFormErrors', () => {
  it('accepts a complete form', () => {
    expect(accountFormErrors(aForm())).toEqual({});
  });

  it('names every missing field in form order', () => {
    expect(Object.keys(accountFormErrors({ displayName: ' ', email: '', role: '', password: '' }))).toEqual([
      'displayName',
      'email',
      'role',
      'password',
    ]);
  });

  it('explains a malformed email and a short password', () => {
    expect(
      accountFormErrors(aForm({ email: 'sam@', password: 'x'.repeat(MIN_PASSWORD_LENGTH - 1) })),
    ).toEqual({
      email: expect.stringContaining('right format'),
      password: expect.stringContaining(`${MIN_PASSWORD_LENGTH} characters`),
    });
  });
});
