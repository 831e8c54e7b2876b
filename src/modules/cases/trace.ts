import { inArray } from 'drizzle-orm';
import { csvLine } from '../../db/csv.ts';
import { type Actor, canReach, requirePermission } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { recordAudit } from '../audit/audit.ts';
import { normalizeDocumentNumber } from '../people/id-number.ts';
import { findPersonRefByIdHash } from '../people/people.repository.ts';
import { people } from '../people/people.table.ts';
import { findCoLocations, scanVisits } from './co-location.ts';
import { DEFAULT_WINDOW_MINUTES } from './contact-rules.ts';

/** The longest span one trace may cover: an exposure window is days, not months. */
export const MAX_TRACE_DAYS = 30;
export const MAX_WINDOW_MINUTES = 240;

export interface TraceOptions {
  actor: Actor;
  idNumber: string;
  since: Date;
  until: Date;
  windowMinutes?: number;
  reveal?: boolean;
  reason?: string;
}

export interface TracedCoLocation {
  /** Masked, unless revealed (a contact in the caller's subtree, with reveal and a reason). */
  idNumber: string;
  revealed: boolean;
  venueCode: string;
  caseScanAt: string;
  contactScanAt: string;
}

/**
 * Who was scanned at the same venues as a person (found by ID number) within ± window of each of
 * their scans in [since, until]: `yipan trace` and the tracing API. It runs the co-location query
 * the contact review runs. With `reveal`, the contacts' full ID numbers come back after one audit
 * row (committed first) that counts them; a contact outside the caller's subtree stays masked,
 * as `revealPerson` would refuse it.
 */
export async function traceCoLocations(ctx: AppContext, opts: TraceOptions): Promise<{ items: TracedCoLocation[]; total: number }> {
  const actor = requirePermission(opts.actor, 'cases:write');
  const windowMinutes = opts.windowMinutes ?? DEFAULT_WINDOW_MINUTES;
  if (!Number.isInteger(windowMinutes) || windowMinutes < 1 || windowMinutes > MAX_WINDOW_MINUTES) throw invalid('windowMinutes', `must be a whole number from 1 to ${MAX_WINDOW_MINUTES}`);
  if (Number.isNaN(opts.since.getTime())) throw invalid('since', 'must be a date-time');
  if (!(opts.since < opts.until)) throw invalid('until', 'must be after since');
  if (opts.until.getTime() - opts.since.getTime() > MAX_TRACE_DAYS * 86_400_000) throw invalid('until', `the span may be at most ${MAX_TRACE_DAYS} days`);
  const reason = opts.reason?.trim() ?? '';
  if (opts.reveal) {
    // The missing permission is the one 403; everything about the person answers 404.
    requirePermission(actor, 'people:reveal');
    if (!reason) throw invalid('reason', 'a reason is required to reveal ID numbers');
  }

  const person = await findPersonRefByIdHash(ctx.db, ctx.keys.lookupHash(normalizeDocumentNumber(opts.idNumber)));
  if (!person || !canReach(actor, person.path)) throw notFound('Person');

  const visits = await scanVisits(ctx.database, person.id, opts.since, opts.until);
  const rows = await findCoLocations(ctx.database, visits, windowMinutes);
  const ids = [...new Set(rows.map((r) => r.personId))];
  const found = ids.length
    ? await ctx.db
        .select({ id: people.id, masked: people.idNumberMasked, path: people.jurisdictionPath, cipher: people.idNumberCipher })
        .from(people)
        .where(inArray(people.id, ids))
    : [];
  const shown = new Map<string, { idNumber: string; revealed: boolean }>();
  for (const p of found) {
    const reveal = opts.reveal === true && canReach(actor, p.path);
    shown.set(p.id, { idNumber: reveal ? '' : p.masked, revealed: reveal });
  }
  const revealed = [...shown.values()].filter((s) => s.revealed).length;
  if (opts.reveal) {
    await recordAudit(ctx.db, actor, {
      action: 'tracing.co_locations.reveal',
      entityType: 'person',
      entityId: person.id,
      jurisdictionPath: person.path,
      reason,
      details: { fields: ['idNumber'], revealed, keptMasked: ids.length - revealed, rows: rows.length, since: opts.since.toISOString(), until: opts.until.toISOString(), windowMinutes },
    });
    // Decrypted only after the audit row is committed.
    for (const p of found) if (shown.get(p.id)!.revealed) shown.set(p.id, { idNumber: ctx.keys.decrypt(p.cipher), revealed: true });
  }

  const items = rows
    .map((r) => ({ ...shown.get(r.personId)!, venueCode: r.venueCode, caseScanAt: r.caseScanAt.toISOString(), contactScanAt: r.contactScanAt.toISOString() }))
    // Along the person's own trail: by their visit, then venue, then when the contact was there.
    .sort((a, b) => a.caseScanAt.localeCompare(b.caseScanAt) || a.venueCode.localeCompare(b.venueCode) || a.contactScanAt.localeCompare(b.contactScanAt) || a.idNumber.localeCompare(b.idNumber));
  return { items, total: items.length };
}

export const TRACE_CSV_HEADER = 'id_number,venue_code,case_scan_at,contact_scan_at\n';

/** The CSV form (what `yipan trace` prints): one line per co-location, times in UTC ISO 8601. */
export function traceCsv(items: TracedCoLocation[]): string {
  return TRACE_CSV_HEADER + items.map((i) => csvLine([i.idNumber, i.venueCode, i.caseScanAt, i.contactScanAt])).join('');
}
