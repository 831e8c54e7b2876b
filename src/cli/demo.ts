import { type Command, CliError, describeDatabase, openContext, err, formatCount, out, parseCommandArgs, positiveInteger, UsageError } from './common.ts';
import { Progress } from './progress.ts';

const usage = `Usage: yipan demo [--population N] [--seed S]

Fills an empty database with the generated demo city (districts down to households, grids,
residents, one demo account per role) and creates the admin account.

Works on the configured database: YIPAN_DATA_DIR (embedded, default ./data) or DATABASE_URL.
Refuses a database that already holds jurisdictions. With the embedded database, do not run it
while the server is running on the same data directory.

  --population N   residents to generate (default $YIPAN_DEMO_POPULATION or 50000)
  --seed S         random seed; the same seed gives the same city (default 1)
  -q, --quiet      no progress bar

The admin password is YIPAN_ADMIN_PASSWORD, or generated and printed once.`;

async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('demo', args, {
    population: { type: 'string', short: 'n' },
    seed: { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
  });
  if (values.help) {
    out(usage);
    return 0;
  }
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`, 'demo');
  const [{ loadConfig }, { ensureAdmin }] = await Promise.all([import('../platform/config.ts'), import('../platform/bootstrap.ts')]);
  const config = loadConfig();
  if (values.population === undefined && !(Number.isSafeInteger(config.demoPopulation) && config.demoPopulation > 0)) {
    throw new UsageError(`YIPAN_DEMO_POPULATION must be a positive whole number, got "${process.env.YIPAN_DEMO_POPULATION}"`, 'demo');
  }
  const population = positiveInteger('demo', 'population', values.population, config.demoPopulation);
  const seed = positiveInteger('demo', 'seed', values.seed, 1, 0);

  const ctx = await openContext(config);
  try {
    const where = describeDatabase(config);
    const count = async (table: string) => (await ctx.database.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0].n;
    const existing = await count('jurisdictions');
    if (existing > 0) {
      throw new CliError(
        `${where} already holds ${formatCount(existing)} jurisdiction(s); yipan demo only fills an empty database (point YIPAN_DATA_DIR or DATABASE_URL at a new one)`,
      );
    }
    // Loaded only now: the generator is large, and nothing else needs it.
    const { DEMO_PASSWORD, seedDemoCity } = await import('../modules/simulation/seed-demo.ts');
    const progress = new Progress({ label: 'generating the demo city', total: population, unit: 'items', enabled: !values.quiet });
    try {
      await seedDemoCity(ctx, {
        population,
        seed,
        // The generator counts in its own steps; the bar follows them.
        onProgress: (done, total) => {
          progress.setTotal(total);
          progress.update(done);
        },
      });
    } finally {
      progress.finish();
    }
    const admin = await ensureAdmin(ctx, config.adminPassword);

    out(`demo city generated in ${where} in ${progress.elapsedSeconds().toFixed(1)} s (seed ${seed}):`);
    for (const table of ['jurisdictions', 'grids', 'people', 'accounts']) out(`  ${table.padEnd(14)} ${formatCount(await count(table)).padStart(12)}`);
    const demoAccounts = await ctx.database.query<{ username: string }>(`select username from accounts where username like 'demo\\_%' order by username`);
    if (demoAccounts.length) out(`demo accounts: ${demoAccounts.map((a) => a.username).join(', ')}`);
    out(`demo password: ${DEMO_PASSWORD}`);
    if (admin.password) out(`admin password (shown once, change it): ${admin.password}`);
    else if (admin.created) out('admin account created with YIPAN_ADMIN_PASSWORD');
    return 0;
  } finally {
    await ctx.database.close().catch((e: Error) => err(`closing the database: ${e.message}`));
  }
}

export const demoCommand: Command = { name: 'demo', summary: 'fill an empty database with the generated demo city', usage, run };
