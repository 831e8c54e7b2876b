import { count } from 'drizzle-orm';
import { ensureWebBuild } from './platform/web-build.ts';
import { loadConfig } from './platform/config.ts';
import { createContext, createLogger, ensureAdmin } from './platform/bootstrap.ts';
import { jurisdictions } from './modules/jurisdictions/jurisdictions.table.ts';
import { DEMO_PASSWORD, seedDemoCity } from './modules/simulation/seed-demo.ts';
import { buildApp } from './server.ts';
import { startJobs } from './jobs/start-jobs.ts';

/** `npm start`: build the web app if needed, open and migrate the database, seed, serve. */
async function main() {
  const started = Date.now();
  const config = loadConfig();
  const log = createLogger(config);
  await ensureWebBuild(log);
  const ctx = await createContext(config, { log });
  const [{ n }] = await ctx.db.select({ n: count() }).from(jurisdictions);
  let demo = false;
  if (n === 0 && config.demo) {
    log.info({ population: config.demoPopulation }, 'empty database: generating the demo city');
    await seedDemoCity(ctx, { population: config.demoPopulation, seed: 1 });
    demo = true;
  }
  const admin = await ensureAdmin(ctx, config.adminPassword);
  const app = await buildApp(ctx);
  await app.listen({ port: config.port, host: config.host });
  const jobs = startJobs(ctx);
  const lines = [
    '',
    `Yipan is ready on http://localhost:${config.port} (database: ${ctx.database.kind}, ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    `API docs: http://localhost:${config.port}/api/docs`,
  ];
  if (admin.password) lines.push(`admin password (shown once, change it): ${admin.password}`);
  if (demo || (await hasDemoAccounts(ctx))) lines.push(`demo accounts: demo_<role> (e.g. demo_city_commander, demo_grid_worker, demo_auditor), password: ${DEMO_PASSWORD}`);
  process.stdout.write(lines.join('\n') + '\n\n');
  const stop = async () => {
    await jobs.stop();
    await app.close();
    await ctx.database.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function hasDemoAccounts(ctx: Awaited<ReturnType<typeof createContext>>) {
  const rows = await ctx.database.query(`select 1 from accounts where username like 'demo\\_%' limit 1`);
  return rows.length > 0;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
