import { inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { activePolicy } from '../health-codes/active-policy.ts';
import type { Colour, Reason } from '../health-codes/colour-policy.ts';
import { healthCodes } from '../health-codes/health-codes.table.ts';
import { recolourPeople } from '../health-codes/recolour.ts';

export interface CodeColour {
  colour: Colour;
  reasons: Reason[];
}

/**
 * `currentCode` for many people at once (a scanner's batch): the stored codes that are still
 * valid in one query, and one recolour for those that are missing, lapsed or of an older policy.
 */
export async function currentCodes(db: Executor, personIds: string[], now: Date): Promise<Map<string, CodeColour>> {
  const ids = [...new Set(personIds)];
  const out = new Map<string, CodeColour>();
  if (ids.length === 0) return out;
  const policy = await activePolicy(db);
  const rows = await db
    .select({ personId: healthCodes.personId, colour: healthCodes.colour, reasons: healthCodes.reasons, policyVersion: healthCodes.policyVersion, nextChangeAt: healthCodes.nextChangeAt })
    .from(healthCodes)
    .where(inArray(healthCodes.personId, ids));
  for (const r of rows) {
    if (r.policyVersion === policy.version && (!r.nextChangeAt || r.nextChangeAt > now)) out.set(r.personId, { colour: r.colour as Colour, reasons: r.reasons as Reason[] });
  }
  const stale = ids.filter((id) => !out.has(id));
  if (stale.length) {
    const fresh = await db.transaction((tx) => recolourPeople(tx, stale, now));
    for (const [id, code] of fresh) out.set(id, { colour: code.colour, reasons: code.reasons });
  }
  return out;
}
