import { inArray } from 'drizzle-orm';
import type { Colour } from '../health-codes/colour-policy.ts';
import { canReach, type StaffActor } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import { normalizeDocumentNumber } from '../people/id-number.ts';
import { people } from '../people/people.table.ts';
import { currentCodes } from './current-codes.ts';
import { type Bilingual, type CheckedScan, decideScan, type ScanFieldError, type ScanResult } from './scan-rule.ts';
import type { ScanOutcome } from './venues.schemas.ts';
import { venuesByCodes } from './venues.repository.ts';

export type ScanSource = 'device' | 'import' | 'citizen';

/** A scan whose person and venue are known. */
export interface ResolvedScan {
  eventId: string;
  personId: string;
  venueId: string;
  scannedAt: Date;
  colourShown: Colour | null;
}

export interface Recorded {
  status: 'recorded' | 'duplicate';
  result: ScanResult;
  colour: Colour;
  reason: Bilingual | null;
  scannedAt: Date;
}

/** The reason column holds the bilingual text as JSON. */
export function readReason(text: string | null): Bilingual | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as Partial<Bilingual>;
    if (typeof v.zh === 'string' && typeof v.en === 'string') return { zh: v.zh, en: v.en };
  } catch {
    // a plain-text reason written by something else: show it in both languages
  }
  return { zh: text, en: text };
}

async function storedScans(ctx: AppContext, eventIds: string[]): Promise<Map<string, Recorded>> {
  if (eventIds.length === 0) return new Map();
  const rows = await ctx.database.query<{ event_id: string; colour_shown: string; result: string; reason: string | null; scanned_at: Date | string }>(
    'select event_id, colour_shown, result, reason, scanned_at from venue_scans where event_id = any($1::text[])',
    [eventIds],
  );
  return new Map(
    rows.map((r) => [
      r.event_id,
      { status: 'duplicate', result: r.result as ScanResult, colour: r.colour_shown as Colour, reason: readReason(r.reason), scannedAt: new Date(r.scanned_at) },
    ]),
  );
}

/**
 * Records scans idempotently by event id, in one statement (`unnest` … `on conflict do nothing`),
 * committed before this returns. An event already recorded — earlier, or earlier in this same
 * batch — answers `duplicate` with what was recorded then. One outcome per scan, in order.
 */
export async function recordScans(ctx: AppContext, scans: ResolvedScan[], source: ScanSource): Promise<Recorded[]> {
  if (scans.length === 0) return [];
  const now = ctx.clock.now();
  const known = await storedScans(ctx, [...new Set(scans.map((s) => s.eventId))]);
  const fresh = new Map<string, ResolvedScan>();
  for (const s of scans) if (!known.has(s.eventId) && !fresh.has(s.eventId)) fresh.set(s.eventId, s);

  const decided = new Map<string, Recorded>();
  if (fresh.size) {
    const list = [...fresh.values()];
    const codes = await currentCodes(ctx.db, list.map((s) => s.personId), now);
    const rows = list.map((s) => ({ scan: s, decision: decideScan(s.colourShown, codes.get(s.personId)!) }));
    const inserted = await ctx.database.query<{ event_id: string }>(
      `insert into venue_scans (event_id, person_id, venue_id, scanned_at, colour_shown, result, reason, source)
       select * from unnest($1::text[], $2::uuid[], $3::uuid[], $4::timestamptz[], $5::text[], $6::text[], $7::text[], $8::text[])
       on conflict (event_id) do nothing
       returning event_id`,
      [
        rows.map((r) => r.scan.eventId),
        rows.map((r) => r.scan.personId),
        rows.map((r) => r.scan.venueId),
        rows.map((r) => r.scan.scannedAt.toISOString()),
        rows.map((r) => r.decision.colourShown),
        rows.map((r) => r.decision.result),
        rows.map((r) => (r.decision.reason ? JSON.stringify(r.decision.reason) : null)),
        rows.map(() => source),
      ],
    );
    const ok = new Set(inserted.map((r) => r.event_id));
    for (const r of rows) {
      if (ok.has(r.scan.eventId)) decided.set(r.scan.eventId, { status: 'recorded', result: r.decision.result, colour: r.decision.colourShown, reason: r.decision.reason, scannedAt: r.scan.scannedAt });
    }
    // Another request recorded some of these events between our read and our insert.
    const raced = rows.filter((r) => !ok.has(r.scan.eventId)).map((r) => r.scan.eventId);
    for (const [id, rec] of await storedScans(ctx, raced)) known.set(id, rec);
  }

  const answered = new Set<string>();
  return scans.map((s) => {
    const first = decided.get(s.eventId);
    if (first && !answered.has(s.eventId)) {
      answered.add(s.eventId);
      return first;
    }
    // A second copy of an event in the same batch is a duplicate of the first.
    return first ? { ...first, status: 'duplicate' } : known.get(s.eventId)!;
  });
}

const REJECTED_ZH: Record<ScanFieldError['field'], string> = {
  eventId: '事件编号无效',
  idNumber: '证件号码无效或未登记',
  personId: '人员不存在',
  venueCode: '场所码无效或不在辖区内',
  scannedAt: '扫码时间无效',
  colourShown: '出示的码颜色无效',
};

/** An event's answer, with the rejection as the CSV import reports it. */
export type ScanAnswer = ScanOutcome & { rejection?: ScanFieldError };

export const rejectedOutcome = (eventId: string, e: ScanFieldError): ScanAnswer => ({
  eventId,
  status: 'rejected',
  result: null,
  colour: null,
  reason: { zh: REJECTED_ZH[e.field], en: `${e.field} ${e.reason}` },
  field: e.field,
  rejection: e,
});

/**
 * Resolves checked scan events (venue by code within the caller's jurisdiction, person by
 * document number or id anywhere in the registry — people scan venues away from home), records
 * the resolvable ones and answers every event in order.
 */
export async function resolveAndRecord(
  ctx: AppContext,
  actor: StaffActor,
  checked: Array<{ eventId: string; scan: CheckedScan | ScanFieldError }>,
  source: ScanSource,
): Promise<ScanAnswer[]> {
  const good = checked.flatMap((c) => ('field' in c.scan ? [] : [c.scan]));
  const venueRows = await venuesByCodes(ctx.db, [...new Set(good.map((s) => s.venueCode))]);
  const venues = new Map(venueRows.filter((v) => canReach(actor, v.jurisdictionPath)).map((v) => [v.code, v.id]));

  const hashOf = new Map<string, string>();
  for (const s of good) if ('idNumber' in s.who && !hashOf.has(s.who.idNumber)) hashOf.set(s.who.idNumber, ctx.keys.lookupHash(normalizeDocumentNumber(s.who.idNumber)));
  const personIds = [...new Set(good.flatMap((s) => ('personId' in s.who ? [s.who.personId] : [])))];
  const [byHash, byId] = await Promise.all([
    hashOf.size ? ctx.db.select({ id: people.id, hash: people.idNumberHash }).from(people).where(inArray(people.idNumberHash, [...new Set(hashOf.values())])) : [],
    personIds.length ? ctx.db.select({ id: people.id }).from(people).where(inArray(people.id, personIds)) : [],
  ]);
  const personByHash = new Map(byHash.map((p) => [p.hash, p.id]));
  const knownIds = new Set(byId.map((p) => p.id));

  const answers: Array<ScanAnswer | undefined> = new Array(checked.length);
  const toRecord: Array<{ i: number; scan: ResolvedScan }> = [];
  checked.forEach((c, i) => {
    if ('field' in c.scan) return void (answers[i] = rejectedOutcome(c.eventId, c.scan));
    const s = c.scan;
    const venueId = venues.get(s.venueCode);
    if (!venueId) return void (answers[i] = rejectedOutcome(s.eventId, { field: 'venueCode', reason: `${s.venueCode} is unknown, or outside your jurisdiction` }));
    const personId = 'idNumber' in s.who ? personByHash.get(hashOf.get(s.who.idNumber)!) : knownIds.has(s.who.personId) ? s.who.personId : undefined;
    if (!personId) {
      return void (answers[i] = rejectedOutcome(s.eventId, 'idNumber' in s.who ? { field: 'idNumber', reason: 'no person is registered with this document number' } : { field: 'personId', reason: 'no such person' }));
    }
    toRecord.push({ i, scan: { eventId: s.eventId, personId, venueId, scannedAt: s.scannedAt, colourShown: s.colourShown } });
  });
  const recorded = await recordScans(ctx, toRecord.map((t) => t.scan), source);
  recorded.forEach((r, k) => {
    answers[toRecord[k].i] = { eventId: toRecord[k].scan.eventId, status: r.status, result: r.result, colour: r.colour, reason: r.reason };
  });
  return answers as ScanAnswer[];
}
