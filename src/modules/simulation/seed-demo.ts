import type { AppContext } from '../../platform/context.ts';
import { hashPassword } from '../../platform/password.ts';
import { recordAudit } from '../audit/audit.ts';
import { seedDemoOutbreak } from './demo-outbreak.ts';
import { loadDemoCity } from './load-demo-city.ts';

/** Every demo account shares this password; it is printed at start. Never use demo data in production. */
export const DEMO_PASSWORD = 'yipan-demo-2022';

/** Generates the deterministic demo city into an empty database and audits that it did. */
export async function seedDemoCity(ctx: AppContext, opts: { population: number; seed: number; onProgress?: (done: number, total: number) => void }) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const result = await loadDemoCity(ctx.database, ctx.keys, { seed: opts.seed, population: opts.population, passwordHash, onProgress: opts.onProgress });
  const outbreak = await seedDemoOutbreak(ctx, { seed: opts.seed });
  await recordAudit(ctx.db, { kind: 'system', name: 'demo' }, { action: 'demo.generate', entityType: 'city', details: { seed: opts.seed, ...result, outbreak } });
  return result;
}
