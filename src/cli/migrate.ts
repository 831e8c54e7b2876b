import { type Command, CliError, describeDatabase, describeError, err, out, parseCommandArgs, UsageError } from './common.ts';

const usage = `Usage: yipan migrate

Opens the configured database (YIPAN_DATA_DIR, default ./data, or DATABASE_URL) and applies
the SQL migrations it has not seen yet. Safe to run again; the server also does it at start.`;

async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('migrate', args, {});
  if (values.help) {
    out(usage);
    return 0;
  }
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`, 'migrate');
  const [{ loadConfig }, { openDatabase }, { migrate }] = await Promise.all([import('../platform/config.ts'), import('../db/client.ts'), import('../db/migrate.ts')]);
  const config = loadConfig();
  const where = describeDatabase(config);
  try {
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      await migrate(database);
    } finally {
      await database.close().catch(() => undefined);
    }
  } catch (e) {
    throw new CliError(`cannot migrate ${where}: ${describeError(e)}`);
  }
  err(`migrated ${where}`);
  out('done');
  return 0;
}

export const migrateCommand: Command = { name: 'migrate', summary: 'create or update the database schema', usage, run };
