import type { AppContext } from '../platform/context.ts';
import { recordAudit } from '../modules/audit/audit.ts';
import { venuesConfig } from '../modules/venues/venues.config.ts';

export const RETENTION_ACTOR = { kind: 'system', name: 'retention' } as const;
const DAY = 86_400_000;

/**
 * Deletes venue scans older than the retention period (YIPAN_SCAN_RETENTION_DAYS, default 28),
 * in chunks so no single statement holds locks for long, then writes one audit row with the
 * count. Safe to run from several processes at once: each chunk deletes what is still there.
 */
export async function purgeVenueScans(ctx: AppContext, opts: { retentionDays?: number; chunkSize?: number } = {}): Promise<{ deleted: number; cutoff: string }> {
  const retentionDays = opts.retentionDays ?? venuesConfig().scanRetentionDays;
  const chunkSize = opts.chunkSize ?? 10_000;
  const cutoff = new Date(ctx.clock.now().getTime() - retentionDays * DAY);
  let deleted = 0;
  for (;;) {
    const [{ n }] = await ctx.database.query<{ n: number }>(
      `with doomed as (select id from venue_scans where scanned_at < $1 order by scanned_at limit $2),
            gone as (delete from venue_scans v using doomed where v.id = doomed.id returning 1)
       select count(*)::int as n from gone`,
      [cutoff.toISOString(), chunkSize],
    );
    deleted += n;
    if (n < chunkSize) break;
  }
  await recordAudit(ctx.db, RETENTION_ACTOR, {
    action: 'venue_scans.purge',
    entityType: 'venue_scan',
    details: { deleted, cutoff: cutoff.toISOString(), retentionDays },
  });
  return { deleted, cutoff: cutoff.toISOString() };
}
