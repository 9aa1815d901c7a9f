import type { Role } from '../../app/roles';

/** The gateway's rule (accounts/dto): at least this many characters. */
export const MIN_PASSWORD_LENGTH = 12;

export interface AccountForm {
  displayName: string;
  email: string;
  role: Role | '';
  password: string;
}

export const EMPTY_ACCOUNT_FORM: AccountForm = { displayName: '', email: '', role: '', password: '' };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Messages by field, in form order, for the error summary and inline messages. */
export function accountFormErrors(form: AccountForm): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!form.displayName.trim()) errors.displayName = 'Enter the person’s name';
  if (!form.email.trim()) errors.email = 'Enter an email address';
  else if (!EMAIL.test(form.email.trim()))
    errors.email = 'Enter an email address in the right format, like name@example.nhs.uk';
  if (!form.role) errors.role = 'Choose a role';
  if (form.password.length < MIN_PASSWORD_LENGTH) {
    errors.password = `The password must be at least ${MIN_PASSWORD_LENGTH} characters`;
  }
  return errors;
}
