/**
 * Contact rules: how candidates from the household, co-location and manual entry become one
 * list, and which control measure a confirmed contact gets. Pure: no I/O.
 */
export const DEGREES = ['close', 'secondary'] as const;
export type Degree = (typeof DEGREES)[number];
export const CONTACT_SOURCES = ['household', 'co_location', 'manual'] as const;
export type ContactSource = (typeof CONTACT_SOURCES)[number];
export const CONTACT_STATUSES = ['candidate', 'confirmed', 'dismissed'] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];
export const CONTROL_MEASURES = ['centralized_quarantine', 'home_quarantine', 'home_health_monitoring'] as const;
export type ControlMeasure = (typeof CONTROL_MEASURES)[number];

/** Default co-location window around a visit (± minutes), configurable per query. */
export const DEFAULT_WINDOW_MINUTES = 30;

/** One piece of evidence of a contact: a shared venue visit, the household, or the investigator's note. */
export interface Evidence {
  source: ContactSource;
  /** When the contact happened (the contact's scan, or the start of the household overlap). */
  at: string;
  venueId?: string;
  venueCode?: string;
  venueName?: string;
  caseScanAt?: string;
  contactScanAt?: string;
  note?: string;
}

export interface Candidate {
  personId: string;
  degree: Degree;
  evidence: Evidence[];
  /** For a secondary contact: the close contact (a contacts row) it came through. */
  viaContactId?: string;
}

export interface MergedCandidate extends Candidate {
  sources: ContactSource[];
  lastExposureAt: Date;
  firstExposureAt: Date;
}

export const evidenceKey = (e: Evidence) => `${e.source}|${e.venueId ?? ''}|${e.caseScanAt ?? ''}|${e.contactScanAt ?? ''}|${e.at}`;

/**
 * One candidate per person: a close finding wins over a secondary one (a person who met the case
 * is a close contact, whatever else), sources and evidence are united (the same evidence once),
 * and the index case's own person and the excluded people (already on the list, already a case)
 * are left out.
 */
export function mergeCandidates(found: Candidate[], exclude: Iterable<string>): MergedCandidate[] {
  const skip = new Set(exclude);
  const byPerson = new Map<string, MergedCandidate>();
  for (const c of found) {
    if (skip.has(c.personId)) continue;
    const have = byPerson.get(c.personId);
    if (!have || (have.degree === 'secondary' && c.degree === 'close')) {
      const merged: MergedCandidate = { ...c, evidence: [], sources: [], lastExposureAt: new Date(0), firstExposureAt: new Date(8.64e15) };
      // A close finding replaces the secondary one's evidence: it is a different relation.
      byPerson.set(c.personId, merged);
    } else if (have.degree === 'close' && c.degree === 'secondary') continue;
    const m = byPerson.get(c.personId)!;
    const seen = new Set(m.evidence.map(evidenceKey));
    for (const e of c.evidence) {
      if (seen.has(evidenceKey(e))) continue;
      seen.add(evidenceKey(e));
      m.evidence.push(e);
      if (!m.sources.includes(e.source)) m.sources.push(e.source);
      const at = new Date(e.at);
      if (at > m.lastExposureAt) m.lastExposureAt = at;
      if (at < m.firstExposureAt) m.firstExposureAt = at;
    }
    if (!m.viaContactId && c.viaContactId) m.viaContactId = c.viaContactId;
  }
  return [...byPerson.values()].sort((a, b) => (a.degree === b.degree ? b.lastExposureAt.getTime() - a.lastExposureAt.getTime() : a.degree === 'close' ? -1 : 1));
}

/**
 * Secondary contacts come only from close contacts: never from a secondary one (no third degree).
 */
export function canDeriveSecondary(degree: Degree): boolean {
  return degree === 'close';
}

/** The colour rule the measure is measured by, as the active policy states it. */
export interface PolicyRuleView {
  kind: string;
  colour: 'green' | 'yellow' | 'red';
  days: number | null;
  measure?: ControlMeasure;
}

export interface MeasurePlan {
  measure: ControlMeasure;
  factKind: 'close_contact' | 'secondary_contact';
  days: number;
  from: Date;
  until: Date;
  /** Days of the measure (1 = the first) on which a test is taken. */
  testDays: number[];
}

/**
 * The control measure of a confirmed contact, from the active colour policy so the code and the
 * measure agree: the rule's own `measure` when it names one (the 9th edition: secondary contacts
 * in home quarantine); otherwise a close contact goes to centralized quarantine for the
 * close-contact rule's days, a secondary contact to home quarantine when the policy makes them
 * red, home health monitoring when yellow. Counted from the last exposure (the seeds and the 9th edition both do), and tested
 * on days 1, 2, 3, 5, 7 (7-day close contact, 9th edition) or 1, 4, 7 (secondary), then every
 * third day and the last.
 */
export function planMeasure(degree: Degree, rules: PolicyRuleView[], lastExposureAt: Date): MeasurePlan {
  const factKind = degree === 'close' ? 'close_contact' : 'secondary_contact';
  const rule = rules.find((r) => r.kind === factKind);
  const days = rule?.days ?? (degree === 'close' ? 14 : 7);
  const measure: ControlMeasure = rule?.measure ?? (degree === 'close' ? 'centralized_quarantine' : rule?.colour === 'yellow' ? 'home_health_monitoring' : 'home_quarantine');
  const base = degree === 'close' ? [1, 2, 3, 5, 7] : [1, 4, 7];
  const testDays = base.filter((d) => d <= days);
  for (let d = (testDays.at(-1) ?? 0) + 3; d < days; d += 3) testDays.push(d);
  if (testDays.at(-1) !== days) testDays.push(days);
  return { measure, factKind, days, from: lastExposureAt, until: new Date(lastExposureAt.getTime() + days * 86_400_000), testDays };
}

/** A venue visit of the case (a scan, or a trajectory entry with a venue) to look around. */
export interface Visit {
  venueId: string;
  from: Date;
  until: Date;
}
export interface Scan {
  personId: string;
  venueId: string;
  scannedAt: Date;
}
export interface CoLocation {
  personId: string;
  venueId: string;
  caseScanAt: Date;
  contactScanAt: Date;
}

/**
 * The brute-force reference of co-location: every scan compared with every visit. The indexed
 * query in co-location.ts must return exactly this (tested on random data, and benchmarked).
 * A scan at the same venue within ± window of the visit counts, edges included; the case's own
 * scans never do. Sorted by person, venue, times; one row per (visit, scan) pair.
 */
export function coLocationsBruteForce(scans: Scan[], visits: Visit[], windowMinutes: number, excludePersonId: string): CoLocation[] {
  const w = windowMinutes * 60_000;
  const out: CoLocation[] = [];
  for (const v of visits) {
    for (const s of scans) {
      if (s.personId === excludePersonId || s.venueId !== v.venueId) continue;
      const t = s.scannedAt.getTime();
      if (t >= v.from.getTime() - w && t <= v.until.getTime() + w) out.push({ personId: s.personId, venueId: v.venueId, caseScanAt: v.from, contactScanAt: s.scannedAt });
    }
  }
  return sortCoLocations(out);
}

export function sortCoLocations(rows: CoLocation[]): CoLocation[] {
  return rows.sort(
    (a, b) =>
      a.personId.localeCompare(b.personId) ||
      a.venueId.localeCompare(b.venueId) ||
      a.caseScanAt.getTime() - b.caseScanAt.getTime() ||
      a.contactScanAt.getTime() - b.contactScanAt.getTime(),
  );
}
