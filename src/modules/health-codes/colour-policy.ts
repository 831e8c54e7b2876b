/**
 * The colour rules, as data. A policy maps each kind of health fact to a colour and how long it
 * counts; a city switches the whole set by activating another version. Pure: no I/O.
 */
export type Colour = 'green' | 'yellow' | 'red';
export const COLOURS: readonly Colour[] = ['green', 'yellow', 'red'];
const SEVERITY: Record<Colour, number> = { green: 0, yellow: 1, red: 2 };

export const FACT_KINDS = [
  'positive_result',
  'confirmed_case',
  'asymptomatic_case',
  'close_contact',
  'centralized_quarantine',
  'home_quarantine',
  'secondary_contact',
  'home_health_monitoring',
  'pending_retest',
  'sealed_area_residence',
  'controlled_area_residence',
  'risk_area_arrival',
  'missed_required_test',
] as const;
export type FactKind = (typeof FACT_KINDS)[number];

export interface Text {
  zh: string;
  en: string;
}

export interface ColourRule {
  kind: FactKind;
  colour: Colour;
  /** How long the fact counts from its start when it has no end of its own; null: until ended. */
  days: number | null;
  /** A second phase after the first ends (e.g. 7 days red, then 3 days yellow). */
  then?: { colour: Colour; days: number; reason: Text };
  reason: Text;
  /** For a contact kind: the control measure tracing gives such a contact (see planMeasure). */
  measure?: 'centralized_quarantine' | 'home_quarantine' | 'home_health_monitoring';
}

export interface ColourPolicy {
  version: number;
  name: string;
  rules: ColourRule[];
}

/** A fact as the rules see it. */
export interface FactInput {
  id: string;
  kind: string;
  validFrom: Date;
  validUntil: Date | null;
  endedAt: Date | null;
}

/** An approved manual override as the rules see it. */
export interface OverrideInput {
  id: string;
  colour: Colour;
  reason: string;
  decidedAt: Date;
  validUntil: Date | null;
}

export interface Reason {
  source: 'fact' | 'override';
  /** The fact's or override's id: every non-green colour points at what caused it. */
  ref: string;
  kind: string;
  colour: Colour;
  zh: string;
  en: string;
  since: string;
  until: string | null;
}

export interface Derived {
  colour: Colour;
  reasons: Reason[];
  /** When the code will turn green if nothing new is recorded; null when green or open-ended. */
  greenAt: Date | null;
  /** The next moment the derived colour or reasons can change by time alone. */
  nextChangeAt: Date | null;
}

const DAY = 86_400_000;
const addDays = (d: Date, days: number) => new Date(d.getTime() + days * DAY);
const maxColour = (a: Colour, b: Colour): Colour => (SEVERITY[a] >= SEVERITY[b] ? a : b);

interface Phase {
  colour: Colour;
  from: Date;
  until: Date | null;
  text: Text;
  ref: string;
  kind: string;
  source: 'fact' | 'override';
}

/** The time phases a fact spends under a rule. */
function phasesOf(fact: FactInput, rule: ColourRule): Phase[] {
  const natural = fact.validUntil ?? (rule.days === null ? null : addDays(fact.validFrom, rule.days));
  // Ending a fact early (a negative re-test, a lifted area) cuts it, and its follow-on phase.
  const end = fact.endedAt && (!natural || fact.endedAt < natural) ? fact.endedAt : natural;
  const first: Phase = { colour: rule.colour, from: fact.validFrom, until: end, text: rule.reason, ref: fact.id, kind: fact.kind, source: 'fact' };
  if (!rule.then || !end || (fact.endedAt && fact.endedAt <= end)) return [first];
  return [first, { colour: rule.then.colour, from: end, until: addDays(end, rule.then.days), text: rule.then.reason, ref: fact.id, kind: fact.kind, source: 'fact' }];
}

/**
 * The colour at `now`. An approved override in force decides the colour (two people signed it
 * and gave a reason); otherwise the most severe phase in force; green when nothing is.
 */
export function deriveColour(policy: ColourPolicy, facts: FactInput[], overrides: OverrideInput[], now: Date): Derived {
  const rules = new Map(policy.rules.map((r) => [r.kind, r]));
  const phases: Phase[] = [];
  for (const fact of facts) {
    const rule = rules.get(fact.kind as FactKind);
    if (rule) phases.push(...phasesOf(fact, rule));
  }
  const live = (p: { from: Date; until: Date | null }) => p.from <= now && (p.until === null || p.until > now);
  const boundaries: Date[] = [];
  for (const p of phases) for (const t of [p.from, p.until]) if (t && t > now) boundaries.push(t);

  const override = overrides
    .filter((o) => o.decidedAt <= now && (o.validUntil === null || o.validUntil > now))
    .sort((a, b) => b.decidedAt.getTime() - a.decidedAt.getTime())[0];
  for (const o of overrides) if (o.validUntil && o.validUntil > now) boundaries.push(o.validUntil);
  const nextChangeAt = boundaries.length ? new Date(Math.min(...boundaries.map((d) => d.getTime()))) : null;

  const active = phases.filter(live).filter((p) => p.colour !== 'green');
  const reasons: Reason[] = active.map((p) => ({
    source: p.source,
    ref: p.ref,
    kind: p.kind,
    colour: p.colour,
    zh: p.text.zh,
    en: p.text.en,
    since: p.from.toISOString(),
    until: p.until?.toISOString() ?? null,
  }));

  if (override) {
    const reason: Reason = {
      source: 'override',
      ref: override.id,
      kind: 'manual_override',
      colour: override.colour,
      zh: `人工调整(双人审批):${override.reason}`,
      en: `Manual override (two-person approval): ${override.reason}`,
      since: override.decidedAt.toISOString(),
      until: override.validUntil?.toISOString() ?? null,
    };
    return {
      colour: override.colour,
      reasons: [reason, ...reasons],
      greenAt: override.colour === 'green' ? null : override.validUntil ? greenAfter(phases, override.validUntil) : null,
      nextChangeAt,
    };
  }

  const colour = active.reduce<Colour>((c, p) => maxColour(c, p.colour), 'green');
  return { colour, reasons, greenAt: colour === 'green' ? null : greenAfter(phases, now), nextChangeAt };
}

/**
 * The first moment from `from` on when no non-green phase is in force, following chains of
 * phases; null when some phase in force has no end.
 */
function greenAfter(phases: Phase[], from: Date): Date | null {
  let t = from;
  for (;;) {
    const covering = phases.filter((p) => p.colour !== 'green' && p.from <= t && (p.until === null || p.until > t));
    if (covering.length === 0) return t;
    if (covering.some((p) => p.until === null)) return null;
    t = new Date(Math.max(...covering.map((p) => p.until!.getTime())));
  }
}
