import { parseArgs } from 'node:util';
import { ConsoleLogger, Logger } from '@nestjs/common';
import { DatabaseConfig, loadConfig } from '@linkway/config';
import {
  ensureDatabase,
  messagingMigrations,
  openDataSource,
  runMigrationsLocked,
  serviceDataSourceOptions,
} from '@linkway/persistence';
import { DirectoryConfig } from './config/directory.config';
import { migrations, SCHEMA } from './database';
import { DirectoryService } from './directory/directory.service';
import { SearchIndex } from './directory/search-index';
import { TaxonomyTree } from './directory/search.service';
import { settingsFrom } from './directory/settings';
import { loadShippedTaxonomy } from './directory/startup';
import { OrukImportService } from './oruk/oruk-import.service';
import { OrukService } from './oruk/oruk.service';
import { PostcodeService } from './postcodes/postcode.service';

/**
 * Directory commands (`linkway directory …`). Each migrates the hub's directory schema first.
 *
 *   cli.ts import FILE|URL --hub H     ORUK v3 JSON feed → the hub's directory (upsert by id);
 *                                      progress on stderr, the report as JSON on stdout
 *   cli.ts export --hub H [--with-extensions] > feed.json
 *
 * The database is DATABASE_URL, else postgres://postgres@127.0.0.1:5432/linkway_<hub>.
 * Exit codes: 0 done, 1 failed (or some services refused by the import), 2 bad arguments.
 */
const USAGE = `usage:
  cli.ts import <file|url> --hub <hubId>
  cli.ts export --hub <hubId> [--with-extensions]`;

class UsageError extends Error {}

/** Nest's console logger writes warnings to stdout; here stdout is the report or the feed. */
class StderrLogger extends ConsoleLogger {
  protected override printMessages(...args: Parameters<ConsoleLogger['printMessages']>) {
    super.printMessages(args[0], args[1], args[2], 'stderr', args[4]);
  }
}

async function main(argv: string[]): Promise<number> {
  // stdout carries the report or the feed; only problems are logged (to stderr)
  Logger.overrideLogger(new StderrLogger('directory-cli', { logLevels: ['warn', 'error', 'fatal'] }));
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    strict: true,
    options: { hub: { type: 'string' }, 'with-extensions': { type: 'boolean', default: false } },
  });
  const hubId = values.hub;
  if (!hubId || !/^[a-z][a-z0-9-]{1,30}$/.test(hubId))
    throw new UsageError('--hub <hubId> is required (e.g. hub1)');
  if (command === 'import') {
    const source = positionals[0];
    if (!source || positionals.length > 1) throw new UsageError('import takes one FILE or URL');
    return withDirectory(hubId, async ({ importer }) => {
      const feed = await importer.load(source);
      const report = await importer.import(feed, source, progressBar());
      process.stderr.write('\n');
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return report.services.failed.length ? 1 : 0;
    });
  }
  if (command === 'export') {
    if (positionals.length) throw new UsageError('export takes no positional arguments');
    return withDirectory(hubId, async ({ oruk }) => {
      const feed = await oruk.exportFeed(hubId, values['with-extensions']);
      process.stdout.write(`${JSON.stringify(feed, null, 2)}\n`);
      return 0;
    });
  }
  throw new UsageError(command ? `unknown command "${command}"` : 'a command is required');
}

/** `[#######.............]  35/100 services` on stderr, redrawn in place. */
function progressBar(width = 30) {
  return (done: number, total: number) => {
    const filled = total ? Math.round((done / total) * width) : width;
    process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} services`);
  };
}

interface Directory {
  importer: OrukImportService;
  oruk: OrukService;
}

async function withDirectory(hubId: string, work: (d: Directory) => Promise<number>): Promise<number> {
  const url = process.env.DATABASE_URL
    ? loadConfig('database', DatabaseConfig).DATABASE_URL
    : `postgres://postgres@127.0.0.1:5432/linkway_${hubId.replace(/-/g, '_')}`;
  await ensureDatabase(url).catch((error: Error) =>
    console.warn(`could not ensure the database exists: ${error.message}`),
  );
  const dataSource = await openDataSource(
    serviceDataSourceOptions({
      url,
      schema: SCHEMA,
      entities: [],
      migrations: [...messagingMigrations, ...migrations],
      applicationName: 'partner-directory-cli',
      poolSize: 2,
    }),
  );
  try {
    await runMigrationsLocked(dataSource, SCHEMA);
    const settings = settingsFrom(loadConfig('directory', DirectoryConfig));
    const postcodes = new PostcodeService(dataSource, settings);
    await postcodes.loadConfiguredFile();
    // the CLI never searches: an index that is never started is never trusted, only told of changes
    const index = new SearchIndex(dataSource);
    const directory = new DirectoryService(dataSource, postcodes, settings, index);
    const importer = new OrukImportService(dataSource, directory, postcodes);
    await loadShippedTaxonomy(importer);
    return await work({
      importer,
      oruk: new OrukService(dataSource, directory, postcodes, new TaxonomyTree(dataSource), index),
    });
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
      process.exit(2);
    }
    process.stderr.write(`directory: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
