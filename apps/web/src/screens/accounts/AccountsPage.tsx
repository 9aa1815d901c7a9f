import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client';
import type { Account, Page as ApiPage } from '../../api/types';
import { useApi } from '../../api/use-api';
import { assignableRoles, isRole, type Role, ROLE_LABELS, ROLES } from '../../app/roles';
import { useSignedIn } from '../../auth/session';
import { ErrorSummary, SelectField, summaryOf, TextField } from '../../components/forms';
import { formatDate, LoadState, Notice, Pagination, TableRegion, Tag } from '../../components/misc';
import { Page } from '../../components/Page';
import { type AccountForm, accountFormErrors, EMPTY_ACCOUNT_FORM, MIN_PASSWORD_LENGTH } from './account-form';

const PER_PAGE = 25;

/** This hub's accounts (GET/POST/PATCH /api/v1/accounts): list, create, disable and enable. */
export function AccountsPage() {
  const { api, session } = useSignedIn();
  const [roleFilter, setRoleFilter] = useState<Role | ''>('');
  const [page, setPage] = useState(1);
  const [message, setMessage] = useState<string | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);
  const accounts = useApi(
    () => api.get<ApiPage<Account>>('/accounts', { role: roleFilter, page, perPage: PER_PAGE }),
    [api, roleFilter, page],
  );

  const setDisabled = async (account: Account, disabled: boolean) => {
    setRowError(null);
    setMessage(null);
    try {
      await api.patch<Account>(`/accounts/${account.id}`, { disabled });
      setMessage(
        `${account.displayName}’s account is ${disabled ? 'disabled: they can no longer sign in' : 'enabled again'}.`,
      );
      accounts.reload();
    } catch (error) {
      setRowError(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <Page title="Accounts" lede="The people who can sign in to this hub, and their roles.">
      {message ? <Notice>{message}</Notice> : null}
      {rowError ? <ErrorSummary errors={[{ message: rowError }]} /> : null}
      <p>
        <a href="#create-account-title">Create an account</a>
      </p>
      <div className="filters filters--inline">
        <SelectField
          id="roleFilter"
          label="Show role"
          value={roleFilter}
          onChange={(e) => {
            setRoleFilter(isRole(e.target.value) ? e.target.value : '');
            setPage(1);
          }}
          options={[
            { value: '', label: 'All roles' },
            ...ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] })),
          ]}
        />
      </div>
      <LoadState
        loading={accounts.loading && !accounts.data}
        error={accounts.error}
        onRetry={accounts.reload}
      />
      {accounts.data ? (
        <div aria-busy={accounts.loading}>
          <TableRegion label="Accounts">
            <table className="table">
              <caption className="visually-hidden">Accounts in this hub</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Status</th>
                  <th scope="col">Created</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {accounts.data.items.map((account) => (
                  <tr key={account.id}>
                    <td>{account.displayName}</td>
                    <td className="break">{account.email}</td>
                    <td>{ROLE_LABELS[account.role] ?? account.role}</td>
                    <td>
                      {account.disabled ? <Tag tone="grey">Disabled</Tag> : <Tag tone="green">Active</Tag>}
                    </td>
                    <td className="nowrap">{formatDate(account.createdAt)}</td>
                    <td>
                      {account.id === session.accountId ? (
                        <span className="secondary-text">You</span>
                      ) : account.role === 'admin' && session.role !== 'admin' ? null : (
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          onClick={() => setDisabled(account, !account.disabled)}
                        >
                          {account.disabled ? 'Enable' : 'Disable'}
                          <span className="visually-hidden"> {account.displayName}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
          <Pagination
            page={accounts.data.page}
            perPage={accounts.data.perPage || PER_PAGE}
            total={accounts.data.total}
            noun="accounts"
            onPage={setPage}
          />
        </div>
      ) : null}
      <CreateAccount
        creator={session.role}
        onCreated={(account) => {
          setMessage(`Account created for ${account.displayName} (${ROLE_LABELS[account.role]}).`);
          accounts.reload();
        }}
      />
    </Page>
  );
}

function CreateAccount({ creator, onCreated }: { creator: Role; onCreated: (account: Account) => void }) {
  const { api } = useSignedIn();
  const [form, setForm] = useState<AccountForm>(EMPTY_ACCOUNT_FORM);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof AccountForm) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = accountFormErrors(form);
    setErrors(problems);
    setFormError(null);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      const account = await api.post<Account>('/accounts', {
        displayName: form.displayName.trim(),
        email: form.email.trim(),
        role: form.role,
        password: form.password,
      });
      setForm(EMPTY_ACCOUNT_FORM);
      onCreated(account);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409)
        setErrors({ email: 'An account with this email address already exists in this hub' });
      else if (error instanceof ApiError && error.details.length) setErrors(error.fieldErrors());
      else setFormError(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  const summary = formError ? [{ message: formError }] : summaryOf(errors);
  return (
    <section className="section" aria-labelledby="create-account-title">
      <h2 id="create-account-title" tabIndex={-1}>
        Create an account
      </h2>
      <ErrorSummary errors={summary} />
      <form onSubmit={submit} noValidate aria-busy={busy} className="form-narrow">
        <TextField
          id="displayName"
          label="Full name"
          autoComplete="off"
          value={form.displayName}
          onChange={set('displayName')}
          error={errors.displayName}
        />
        <TextField
          id="email"
          label="Email address"
          type="email"
          autoComplete="off"
          spellCheck={false}
          value={form.email}
          onChange={set('email')}
          error={errors.email}
        />
        <SelectField
          id="role"
          label="Role"
          value={form.role}
          onChange={set('role')}
          error={errors.role}
          options={[
            { value: '', label: 'Choose a role' },
            ...assignableRoles(creator).map((role) => ({ value: role, label: ROLE_LABELS[role] })),
          ]}
        />
        <TextField
          id="password"
          label="First password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters. Give it to the person in a safe way; they can change it later.`}
          type="password"
          autoComplete="new-password"
          value={form.password}
          onChange={set('password')}
          error={errors.password}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Creating…' : 'Create account'}
        </button>
      </form>
    </section>
  );
}
