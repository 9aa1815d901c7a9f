import { parseArgs } from 'node:util';
import { connect } from 'nats';
import { DatabaseConfig, loadConfig, NatsConfig } from '@linkway/config';
import { HUB_ARCHETYPES, HUB_ID_PATTERN, INTEGRATION_MODELS } from '@linkway/contracts';
import { ensureFederationIn, jetStreamManager } from '@linkway/messaging';
import {
  ensureDatabase,
  openDataSource,
  runMigrationsLocked,
  serviceDataSourceOptions,
} from '@linkway/persistence';
import type { DataSource } from 'typeorm';
import { AccountsService } from './auth/accounts.service';
import { ICS_ROLES } from './auth/roles';
import { entities, migrations, SCHEMA } from './database';
import { DEMO_HUBS, syntheticSnapshot } from './demo/synthetic';
import { SnapshotStore } from './snapshots/snapshot-store';

/**
 * Federation admin commands (`npm run linkway -- federation …`). Each migrates the federation
 * database first; DATABASE_URL is the ICS database, NATS_URL the ICS NATS (NATS_JS_DOMAIN ics).
 *
 *   cli.ts hub-add --id hub4 --name N --archetype A --integration-model M --population P
 *   cli.ts seed-demo [--json] [--with-snapshots]
 */
const USAGE = `usage:
  cli.ts hub-add --id <hubId> --name <name> --archetype <${HUB_ARCHETYPES.join('|')}>
                 --integration-model <${INTEGRATION_MODELS.join('|')}> --population <n>
  cli.ts seed-demo [--json] [--with-snapshots]   ICS accounts (one per role) and the demo hubs`;

export const DEFAULT_DEMO_PASSWORD = 'linkway-demo';
export const demoEmail = (role: string) => `${role}@ics.linkway.test`;

class UsageError extends Error {}
const out = (text: string) => process.stdout.write(`${text}\n`);

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      id: { type: 'string' },
      name: { type: 'string' },
      archetype: { type: 'string' },
      'integration-model': { type: 'string' },
      population: { type: 'string' },
      json: { type: 'boolean', default: false },
      'with-snapshots': { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (command === 'hub-add') {
    const hub = {
      id: values.id ?? '',
      name: values.name ?? '',
      archetype: values.archetype ?? '',
      integrationModel: values['integration-model'] ?? '',
      population: Number(values.population ?? 'x'),
    };
    if (!HUB_ID_PATTERN.test(hub.id)) throw new UsageError('--id must be a hub id such as hub4');
    if (!hub.name) throw new UsageError('--name is required');
    if (!(HUB_ARCHETYPES as readonly string[]).includes(hub.archetype))
      throw new UsageError(`--archetype must be one of ${HUB_ARCHETYPES.join(', ')}`);
    if (!(INTEGRATION_MODELS as readonly string[]).includes(hub.integrationModel))
      throw new UsageError(`--integration-model must be one of ${INTEGRATION_MODELS.join(', ')}`);
    if (!Number.isInteger(hub.population) || hub.population < 0)
      throw new UsageError('--population must be a whole number');
    await withFederation(async (ds) => {
      await upsertHub(ds, hub);
      const sources = await syncSources(ds);
      out(`registered ${hub.id}; FEDERATION_IN now sources ${sources.join(', ')}`);
    });
    return;
  }
  if (command === 'seed-demo') {
    const password = process.env.LINKWAY_DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD;
    await withFederation(async (ds) => {
      const accounts = new AccountsService(ds);
      const rows = [];
      for (const role of ICS_ROLES) {
        const outcome = await accounts.ensure(
          demoEmail(role),
          password,
          role,
          `Demo ${role.replace('_', ' ')} (ICS)`,
        );
        rows.push({ hub: 'ics', role, email: demoEmail(role), password, outcome });
      }
      for (const h of DEMO_HUBS) {
        await upsertHub(ds, {
          id: h.hubId,
          name: h.hubName,
          archetype: h.archetype,
          integrationModel: h.integrationModel,
          population: h.population,
        });
      }
      if (values['with-snapshots']) await seedDemoSnapshots(ds);
      await syncSources(ds).catch((error: Error) =>
        console.warn(`FEDERATION_IN sources not updated (is the ICS NATS up?): ${error.message}`),
      );
      out(
        values.json
          ? JSON.stringify(rows)
          : rows
              .map((r) => `${r.role.padEnd(12)} ${r.email.padEnd(32)} ${r.password}  (${r.outcome})`)
              .join('\n'),
      );
    });
    return;
  }
  throw new UsageError(command ? `unknown command "${command}"` : 'a command is required');
}

/**
 * Demo only: the eleven months before this one, synthetic, per demo hub, applied straight to
 * the store (version 1), so trends and comparisons show differences from the first minute.
 * The current month is left to the hubs' outcomes services, whose snapshots arrive for real.
 */
async function seedDemoSnapshots(ds: DataSource): Promise<void> {
  const store = new SnapshotStore();
  const now = new Date();
  for (const hub of DEMO_HUBS) {
    for (let back = 11; back >= 1; back--) {
      const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
      const snapshot = syntheticSnapshot(hub, {
        year: d.getUTCFullYear(),
        month: d.getUTCMonth() + 1,
        cases: 60 + Math.round(40 * Math.sin(back + hub.population)) + 60,
      });
      await ds.transaction((m) => store.apply(m, snapshot));
    }
  }
}

async function upsertHub(
  ds: DataSource,
  hub: { id: string; name: string; archetype: string; integrationModel: string; population: number },
) {
  await ds.query(
    `INSERT INTO hub (id, name, archetype, integration_model, population, registered_at) VALUES ($1, $2, $3, $4, $5, now())
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, archetype = EXCLUDED.archetype,
       integration_model = EXCLUDED.integration_model, population = EXCLUDED.population`,
    [hub.id, hub.name, hub.archetype, hub.integrationModel, hub.population],
  );
}

async function syncSources(ds: DataSource): Promise<string[]> {
  const hubIds = ((await ds.query(`SELECT id FROM hub ORDER BY id`)) as { id: string }[]).map((r) => r.id);
  const nats = loadConfig('nats', NatsConfig);
  const nc = await connect({ servers: nats.NATS_URL.split(','), name: 'federation-cli', timeout: 5_000 });
  try {
    await ensureFederationIn(await jetStreamManager(nc, nats.NATS_JS_DOMAIN), { hubIds });
  } finally {
    await nc.close();
  }
  return hubIds;
}

async function withFederation(work: (ds: DataSource) => Promise<void>): Promise<void> {
  const { DATABASE_URL } = loadConfig('database', DatabaseConfig);
  await ensureDatabase(DATABASE_URL).catch((error: Error) =>
    console.warn(`could not ensure the database exists: ${error.message}`),
  );
  const ds = await openDataSource(
    serviceDataSourceOptions({
      url: DATABASE_URL,
      schema: SCHEMA,
      entities,
      migrations,
      applicationName: 'federation-cli',
      poolSize: 2,
    }),
  );
  try {
    await runMigrationsLocked(ds, SCHEMA);
    await work(ds);
  } finally {
    await ds.destroy();
  }
}

main(process.argv.slice(2)).catch((error: Error) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error(`federation cli failed: ${error.message}`);
  process.exit(1);
});
