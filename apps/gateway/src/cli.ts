import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { parseArgs } from 'node:util';
import { DatabaseConfig, HubConfig, loadConfig } from '@linkway/config';
import {
  ensureDatabase,
  openDataSource,
  runMigrationsLocked,
  messagingEntities,
  messagingMigrations,
  serviceDataSourceOptions,
} from '@linkway/persistence';
import { Account } from './accounts/account.entity';
import { AccountsService, type UpsertOutcome } from './accounts/accounts.service';
import { MIN_PASSWORD_LENGTH } from './accounts/dto/account.dto';
import { AuditLogEntry } from './audit/audit-log.entity';
import { AuditService } from './audit/audit.service';
import { PasswordHasher } from './auth/password-hasher';
import { ROLES, type Role } from './auth/roles';
import { bindApplicationRole } from './database/app-role';
import { entities, migrations, SCHEMA } from './database';

/**
 * Gateway admin commands. Each migrates the hub database first, then works through the same
 * services as the API (so accounts get the same hashing and audit rows). Idempotent: safe to
 * run on every start.
 *
 *   cli.ts create-admin --email E --password P [--hub H] [--name N]
 *   cli.ts seed-demo [--hub H] [--json]      one account per role; password LINKWAY_DEMO_PASSWORD
 *
 * The database is DATABASE_URL's; the hub defaults to HUB_ID.
 */
const USAGE = `usage:
  cli.ts create-admin --email <email> --password <password> [--hub <hubId>] [--name <display name>]
  cli.ts seed-demo [--hub <hubId>] [--json]`;

export const DEFAULT_DEMO_PASSWORD = 'linkway-demo';

export const demoEmail = (role: Role, hubId: string) => `${role}@${hubId}.linkway.test`;

class UsageError extends Error {}

const out = (text: string) => process.stdout.write(`${text}\n`);

interface Row {
  hub: string;
  role: Role;
  email: string;
  password: string;
  outcome: UpsertOutcome;
  /** the account id, so a demo can onboard the link worker as a practitioner */
  id: string;
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      hub: { type: 'string' },
      name: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const hubId = values.hub ?? loadConfig('hub', HubConfig).HUB_ID;
  if (!/^[a-z][a-z0-9-]{1,30}$/.test(hubId))
    throw new UsageError(`--hub must be a lower-case slug such as hub1; got "${hubId}"`);
  if (command === 'create-admin') {
    if (!values.email || !/^[^@\s]+@[^@\s]+$/.test(values.email))
      throw new UsageError('--email <email> is required');
    if (!values.password || values.password.length < MIN_PASSWORD_LENGTH) {
      throw new UsageError(`--password must be at least ${MIN_PASSWORD_LENGTH} characters`);
    }
    const { email, password } = values;
    await withAccounts(async (accounts) => {
      const { account, outcome } = await accounts.ensure(
        { hubId, email, password, role: 'admin', displayName: values.name ?? 'Hub administrator' },
        { resetExisting: false },
      );
      out(
        outcome === 'created'
          ? `created admin ${account.email} (${account.id}) in ${hubId}`
          : `account ${account.email} already exists in ${hubId} (role ${account.role}); left unchanged`,
      );
    });
    return;
  }
  if (command === 'seed-demo') {
    const password = process.env.LINKWAY_DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD;
    await withAccounts(async (accounts) => {
      const rows: Row[] = [];
      for (const role of ROLES) {
        const email = demoEmail(role, hubId);
        const { account, outcome } = await accounts.ensure(
          { hubId, email, password, role, displayName: `Demo ${role.replace('_', ' ')} (${hubId})` },
          { resetExisting: true },
        );
        rows.push({ hub: hubId, role, email, password, outcome, id: account.id });
      }
      out(values.json ? JSON.stringify(rows) : table(rows));
    });
    return;
  }
  throw new UsageError(command ? `unknown command "${command}"` : 'a command is required');
}

async function withAccounts(work: (accounts: AccountsService) => Promise<void>): Promise<void> {
  const { DATABASE_URL } = loadConfig('database', DatabaseConfig);
  await ensureDatabase(DATABASE_URL).catch((error: Error) =>
    console.warn(`could not ensure the database exists: ${error.message}`),
  );
  const dataSource = await openDataSource(
    serviceDataSourceOptions({
      url: DATABASE_URL,
      schema: SCHEMA,
      // the platform adds the outbox/inbox tables to the running app; account changes write events
      entities: [...messagingEntities, ...entities],
      migrations: [...messagingMigrations, ...migrations],
      applicationName: 'gateway-cli',
      poolSize: 2,
    }),
  );
  try {
    await runMigrationsLocked(dataSource, SCHEMA);
    await bindApplicationRole(dataSource);
    const audit = new AuditService(dataSource.getRepository(AuditLogEntry));
    await work(
      new AccountsService(
        dataSource.getRepository(Account),
        dataSource,
        new PasswordHasher(),
        audit,
        // the CLI checks no tokens: nothing to remember between requests
        new ConfigService({ gateway: { ACCOUNT_CHECK_CACHE_MS: 0 } }),
      ),
    );
  } finally {
    await dataSource.destroy();
  }
}

function table(rows: Row[]): string {
  const headers = ['hub', 'role', 'email', 'password', 'outcome'] as const;
  const widths = headers.map((h) => Math.max(h.length, ...rows.map((r) => r[h].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [
    line([...headers]),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(headers.map((h) => r[h]))),
  ].join('\n');
}

// only errors reach the terminal: stdout is for the command's answer (scripts parse --json)
Logger.overrideLogger(['error', 'warn']);
main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error instanceof UsageError ? `${error.message}\n${USAGE}` : `failed: ${error.message}`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
