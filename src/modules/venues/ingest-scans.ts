import { requirePermission, type Actor } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import { resolveAndRecord } from './record-scans.ts';
import { checkScan } from './scan-rule.ts';
import { venuesConfig } from './venues.config.ts';
import type { ScanBatchResult, ScanEvent } from './venues.schemas.ts';

/**
 * A scanner device's batch (up to 5,000 events). Every event is answered: recorded (with its
 * pass/deny and reason), duplicate (an event id already recorded: the answer recorded then), or
 * rejected (which field, why). Recorded scans are committed before the answer leaves.
 */
export async function ingestScans(ctx: AppContext, opts: { actor: Actor; scans: ScanEvent[] }): Promise<ScanBatchResult> {
  const actor = requirePermission(opts.actor, 'scans:write');
  const now = ctx.clock.now();
  const { scanRetentionDays } = venuesConfig();
  const checked = opts.scans.map((s) => ({ eventId: s.eventId, scan: checkScan(s, now, scanRetentionDays) }));
  const results = (await resolveAndRecord(ctx, actor, checked, 'device')).map(({ rejection: _r, ...answer }) => answer);
  const n = (status: string) => results.filter((r) => r.status === status).length;
  return { recorded: n('recorded'), duplicates: n('duplicate'), rejected: n('rejected'), results };
}
