import { type Command, CliError, describeDatabase, describeError, openContext, out, parseCommandArgs, positiveInteger, UsageError } from './common.ts';

const usage = `Usage: yipan purge scans [--days N]

Deletes venue scans older than the retention period from the configured database
(YIPAN_DATA_DIR, default ./data, or DATABASE_URL) and writes one audit row with the count.
The server does the same every hour; this is for a purge on demand.

  --days N    retention in days (default $YIPAN_SCAN_RETENTION_DAYS, else 28)

The last line on stdout is "deleted N scans older than <time>".`;

async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('purge', args, { days: { type: 'string' } });
  if (values.help) {
    out(usage);
    return 0;
  }
  const [what, ...extra] = positionals;
  if (what !== 'scans') throw new UsageError(what ? `unknown purge "${what}"; expected scans` : 'say what to purge: yipan purge scans', 'purge');
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`, 'purge');
  const days = values.days === undefined ? undefined : positiveInteger('purge', 'days', values.days, 28);
  if (days !== undefined && days > 365) throw new UsageError(`--days must be at most 365, got ${days}`, 'purge');
  const [{ loadConfig }, { purgeVenueScans }] = await Promise.all([import('../platform/config.ts'), import('../jobs/purge-venue-scans.ts')]);
  const config = loadConfig();
  const ctx = await openContext(config);
  try {
    const { deleted, cutoff } = await purgeVenueScans(ctx, { retentionDays: days });
    out(`deleted ${deleted} scans older than ${cutoff}`);
    return 0;
  } catch (e) {
    throw new CliError(`cannot purge scans in ${describeDatabase(config)}: ${describeError(e)}`);
  } finally {
    await ctx.database.close().catch(() => undefined);
  }
}

/** `yipan purge scans`: to be listed in src/cli/main.ts's COMMANDS. */
export const purgeCommand: Command = { name: 'purge', summary: 'delete venue scans past their retention period', usage, run };
