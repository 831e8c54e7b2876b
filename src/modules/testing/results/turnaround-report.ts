import { and, eq, gte, isNotNull, lte, min } from 'drizzle-orm';
import { requirePermission, type Actor } from '../../../platform/access.ts';
import type { AppContext } from '../../../platform/context.ts';
import { invalid } from '../../../platform/errors.ts';
import { within } from '../../jurisdictions/jurisdictions.repository.ts';
import { parseIsoWithOffset } from '../../venues/scan-rule.ts';
import { tubeMembers, tubes } from '../sampling.table.ts';
import { turnaround } from '../tube-rules.ts';
import type { TurnaroundReport } from './results.schemas.ts';

/** The national target: a NAT result within 8 hours of sampling (design brief, source 004). */
export const TURNAROUND_TARGET_HOURS = 8;
const MAX_RANGE_DAYS = 31;
const MAX_LATE_LISTED = 500;
const NO_LAB = '—';

/** The value at quantile q (0–1) of sorted numbers, interpolated linearly (as percentile_cont). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const v = sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  return Math.round(v * 100) / 100;
}

function timeParam(field: string, raw: string | undefined, fallback: Date): Date {
  if (raw === undefined || raw === '') return fallback;
  const t = parseIsoWithOffset(raw);
  if (!(t instanceof Date)) throw invalid(field, t.reason);
  return t;
}

/**
 * Turnaround per lab over tubes resulted from `from` to `to` (both included): hours from the earliest member's sampling
 * to the result, the median and 90th percentile, the share within the 8-hour target, and the late
 * tubes. Tubes in the account's jurisdiction only.
 */
export async function turnaroundReport(ctx: AppContext, opts: { actor: Actor; from?: string; to?: string }): Promise<TurnaroundReport> {
  const actor = requirePermission(opts.actor, 'results:read');
  const to = timeParam('to', opts.to, ctx.clock.now());
  const from = timeParam('from', opts.from, new Date(to.getTime() - 86_400_000));
  if (from >= to) throw invalid('from', 'must be before to');
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000) throw invalid('from', `the range may span at most ${MAX_RANGE_DAYS} days`);

  const rows = await ctx.db
    .select({ barcode: tubes.barcode, lab: tubes.lab, resultedAt: tubes.resultedAt, sampledAt: min(tubeMembers.sampledAt) })
    .from(tubes)
    .innerJoin(tubeMembers, eq(tubeMembers.tubeId, tubes.id))
    .where(and(isNotNull(tubes.resultedAt), gte(tubes.resultedAt, from), lte(tubes.resultedAt, to), within(tubes.jurisdictionPath, actor.scopePath)))
    .groupBy(tubes.id, tubes.barcode, tubes.lab, tubes.resultedAt);

  const byLab = new Map<string, Array<{ hours: number; withinTarget: boolean }>>();
  const late: TurnaroundReport['lateTubes'] = [];
  for (const r of rows) {
    if (!r.resultedAt || !r.sampledAt) continue;
    const sampledAt = new Date(r.sampledAt);
    const t = turnaround(sampledAt, r.resultedAt, TURNAROUND_TARGET_HOURS);
    const lab = r.lab ?? NO_LAB;
    const list = byLab.get(lab) ?? [];
    list.push(t);
    byLab.set(lab, list);
    if (!t.withinTarget) late.push({ barcode: r.barcode, lab, sampledAt: sampledAt.toISOString(), resultedAt: r.resultedAt.toISOString(), hours: t.hours });
  }
  const labs = [...byLab.entries()]
    .map(([lab, times]) => {
      const sorted = times.map((t) => t.hours).sort((a, b) => a - b);
      const lateCount = times.filter((t) => !t.withinTarget).length;
      return {
        lab,
        tubes: sorted.length,
        medianHours: quantile(sorted, 0.5),
        p90Hours: quantile(sorted, 0.9),
        withinTargetShare: Math.round(((sorted.length - lateCount) / sorted.length) * 1000) / 1000,
        late: lateCount,
      };
    })
    .sort((a, b) => a.lab.localeCompare(b.lab));
  late.sort((a, b) => b.resultedAt.localeCompare(a.resultedAt));
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    targetHours: TURNAROUND_TARGET_HOURS,
    labs,
    lateTubes: late.slice(0, MAX_LATE_LISTED),
    lateTubesTruncated: late.length > MAX_LATE_LISTED,
  };
}
