import { and, desc, eq, lte, ne } from 'drizzle-orm';
import { requirePermission, type Actor, canReach } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { activePolicy } from '../health-codes/active-policy.ts';
import { healthFacts } from '../health-codes/health-codes.table.ts';
import { verifyHealthCodeToken } from '../health-codes/health-code-token.ts';
import { currentCode } from '../health-codes/recolour.ts';
import { normalizeDocumentNumber } from '../people/id-number.ts';
import { people } from '../people/people.table.ts';
import { testResults } from '../testing/testing.table.ts';
import { decidePassCheck, temperatureProblem, testWindowFor } from './pass-check-rule.ts';
import { maskName } from './venue-input.ts';
import { venuesConfig } from './venues.config.ts';
import { findVenue } from './venues.repository.ts';
import type { PassCheck, PassCheckRequest } from './venues.schemas.ts';
import { passChecks } from './venues.table.ts';

/** Without a duration of its own, an arrival from a risk area shows on the itinerary this long. */
const ITINERARY_DAYS_FALLBACK = 14;

/**
 * The pass check (两码一证) at a checkpoint or compound gate: the person's current code, their
 * itinerary (arrivals from risk areas), their latest negative test within the window, and the
 * temperature taken at the gate. Recorded with every reason, and answered.
 */
export async function checkPass(ctx: AppContext, opts: { actor: Actor; input: PassCheckRequest }): Promise<PassCheck> {
  const actor = requirePermission(opts.actor, 'pass_checks:write');
  const input = opts.input;
  const given = (['idNumber', 'personId', 'token'] as const).filter((k) => input[k] !== undefined);
  if (given.length === 0) throw invalid('idNumber', 'idNumber, personId or token is required');
  if (given.length > 1) throw invalid(given[1], `give one of idNumber, personId or token, not ${given.join(' and ')}`);
  const bad = temperatureProblem(input.temperature);
  if (bad) throw invalid('temperature', bad);

  let venue: Awaited<ReturnType<typeof findVenue>>;
  if (input.venueId) {
    venue = await findVenue(ctx.db, input.venueId);
    if (!venue || !canReach(actor, venue.jurisdictionPath)) throw notFound('Venue');
  }
  let personId = input.personId;
  if (input.token !== undefined) {
    // A code that does not verify is not a person to check: the gate asks for a fresh code or the ID card.
    const v = await verifyHealthCodeToken(ctx, input.token);
    if (!v.valid) throw invalid('token', `the health code does not verify (${v.reason})`);
    personId = v.personId;
  }
  // People pass checkpoints far from home: the person is looked up in the whole registry.
  const [person] = await ctx.db
    .select({ id: people.id, name: people.name, idNumberMasked: people.idNumberMasked })
    .from(people)
    .where(personId ? eq(people.id, personId) : eq(people.idNumberHash, ctx.keys.lookupHash(normalizeDocumentNumber(input.idNumber!))));
  if (!person) throw notFound('Person');

  const now = ctx.clock.now();
  const [code, itinerary, [latestNegative], policy] = await Promise.all([
    currentCode(ctx.db, person.id, now),
    ctx.db
      .select({ id: healthFacts.id, validFrom: healthFacts.validFrom, validUntil: healthFacts.validUntil, endedAt: healthFacts.endedAt })
      .from(healthFacts)
      .where(and(eq(healthFacts.personId, person.id), eq(healthFacts.kind, 'risk_area_arrival'), lte(healthFacts.validFrom, now))),
    ctx.db
      .select({ kind: testResults.kind, sampledAt: testResults.sampledAt })
      .from(testResults)
      // Only a nucleic-acid result from a lab or entered by staff certifies: a self-reported
      // antigen test is for the citizen's own follow-up, never a pass.
      .where(and(eq(testResults.personId, person.id), eq(testResults.result, 'negative'), eq(testResults.kind, 'nat'), ne(testResults.source, 'self'), lte(testResults.sampledAt, now)))
      .orderBy(desc(testResults.sampledAt))
      .limit(1),
    activePolicy(ctx.db),
  ]);
  const itineraryDays = policy.rules.find((r) => r.kind === 'risk_area_arrival')?.days ?? ITINERARY_DAYS_FALLBACK;
  const windowHours = testWindowFor(input.testWindowHours, venue?.type, venuesConfig().passCheckWindows);
  const outcome = decidePassCheck({ now, code, itinerary, itineraryDays, latestNegative: latestNegative ?? null, windowHours, temperature: input.temperature });

  const [row] = await ctx.db
    .insert(passChecks)
    .values({
      personId: person.id,
      venueId: venue?.id ?? null,
      checkedBy: actor.id,
      checkedAt: now,
      colour: code.colour,
      temperature: outcome.temperature.toFixed(1),
      result: outcome.result,
      reasons: outcome.reasons,
    })
    .returning({ id: passChecks.id });

  return {
    id: row.id,
    result: outcome.result,
    reasons: outcome.reasons,
    colour: code.colour,
    temperature: outcome.temperature,
    testWindowHours: windowHours,
    latestNegativeTest: latestNegative ? { kind: latestNegative.kind, sampledAt: latestNegative.sampledAt.toISOString() } : null,
    checkedAt: now.toISOString(),
    person: { id: person.id, nameMasked: maskName(person.name), idNumberMasked: person.idNumberMasked },
    venue: venue ? { id: venue.id, code: venue.code, name: venue.name, type: venue.type } : null,
  };
}
