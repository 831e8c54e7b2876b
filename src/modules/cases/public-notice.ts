/**
 * The anonymised public notice of a case's movements (活动轨迹公告). Pure: no I/O.
 *
 * Only what the public needs to check whether they crossed paths with the case: the case number,
 * its classification, and where and when. The input type itself carries no personal field (name,
 * ID, phone, address, age, household); home entries are left out because the place is the
 * person's address, and a venue's or workplace's `detail` is free text the investigator may have
 * filled with names, so only transport keeps its detail (the line, train or flight is the point).
 */
import { CITY_OFFSET_HOURS } from '../../platform/city-day.ts';
import type { Classification } from './case-rules.ts';

export type NoticeKind = 'venue' | 'place' | 'transport' | 'workplace' | 'home';

export interface NoticeEntry {
  kind: NoticeKind;
  startsAt: Date;
  endsAt: Date | null;
  venueName: string | null;
  place: string | null;
  detail: string | null;
  removedAt?: Date | null;
}

export interface NoticePlace {
  place: string;
  /** City time (UTC+8), to the minute: `2026-11-20T09:30+08:00`. */
  from: string;
  until: string | null;
}

export interface PublicNotice {
  caseNumber: string;
  classification: Classification;
  text: { zh: string; en: string };
  places: NoticePlace[];
}

const CLASS_LABEL: Record<Classification, { zh: string; en: string }> = {
  confirmed: { zh: '确诊病例', en: 'confirmed case' },
  asymptomatic: { zh: '无症状感染者', en: 'asymptomatic infection' },
  suspected: { zh: '疑似病例', en: 'suspected case' },
};
const VERB: Record<Exclude<NoticeKind, 'home'>, { zh: string; en: string }> = {
  venue: { zh: '到访', en: 'visited' },
  place: { zh: '到访', en: 'visited' },
  // Neutral wording: the notice says where, not that it is the case's employer.
  workplace: { zh: '停留于', en: 'was at' },
  transport: { zh: '乘坐', en: 'took' },
};
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MINUTE = 60_000;
const OFFSET = CITY_OFFSET_HOURS * 3_600_000;

interface Local {
  date: string;
  month: number;
  day: number;
  hour: number;
  minute: number;
  iso: string;
}

/** An instant rounded to the nearest minute, read on the city's clock. */
function local(d: Date): Local {
  const x = new Date(Math.round(d.getTime() / MINUTE) * MINUTE + OFFSET);
  return {
    date: x.toISOString().slice(0, 10),
    month: x.getUTCMonth() + 1,
    day: x.getUTCDate(),
    hour: x.getUTCHours(),
    minute: x.getUTCMinutes(),
    iso: `${x.toISOString().slice(0, 16)}+08:00`,
  };
}

const mm = (n: number) => String(n).padStart(2, '0');
const zhDay = (t: Local) => `${t.month}月${t.day}日`;
const enDay = (t: Local) => `${MONTHS[t.month - 1]} ${t.day}`;

/** `11月20日 9:30-10:15`; a range past midnight names both days; no end: the start alone. */
export function zhTimeRange(from: Date, until: Date | null): string {
  const a = local(from);
  const b = until ? local(until) : null;
  const start = `${zhDay(a)} ${a.hour}:${mm(a.minute)}`;
  if (!b || b.iso <= a.iso) return start;
  return `${start}-${b.date === a.date ? '' : `${zhDay(b)} `}${b.hour}:${mm(b.minute)}`;
}

export function enTimeRange(from: Date, until: Date | null): string {
  const a = local(from);
  const b = until ? local(until) : null;
  const start = `${enDay(a)} ${mm(a.hour)}:${mm(a.minute)}`;
  if (!b || b.iso <= a.iso) return start;
  return `${start}–${b.date === a.date ? '' : `${enDay(b)} `}${mm(b.hour)}:${mm(b.minute)}`;
}

/** What the notice names for an entry, or null when it names nothing publishable. */
function placeOf(e: NoticeEntry): string | null {
  const clean = (s: string | null) => s?.replace(/\s+/g, ' ').trim() || null;
  switch (e.kind) {
    case 'venue':
      return clean(e.venueName) ?? clean(e.place);
    case 'place':
    case 'workplace':
      return clean(e.place) ?? clean(e.venueName);
    case 'transport':
      return [clean(e.place), clean(e.detail)].filter(Boolean).join(' ') || null;
    case 'home':
      return null;
  }
}

interface Line {
  kind: Exclude<NoticeKind, 'home'>;
  place: string;
  from: Date;
  until: Date | null;
  key: string;
}

/**
 * The notice of a case from its trajectory: entries not removed, not at home, overlapping the
 * exposure window, in time order; an entry entered twice (a scan and the investigator's own
 * note of the same visit) appears once.
 */
export function composePublicNotice(c: { caseNumber: string; classification: Classification }, entries: NoticeEntry[], window: { from: Date; until: Date }): PublicNotice {
  const lines = new Map<string, Line>();
  for (const e of entries) {
    if (e.removedAt || e.kind === 'home') continue;
    const end = e.endsAt ?? e.startsAt;
    if (e.startsAt > window.until || end < window.from) continue;
    const place = placeOf(e);
    if (!place) continue;
    const until = e.endsAt && local(e.endsAt).iso > local(e.startsAt).iso ? e.endsAt : null;
    const key = `${local(e.startsAt).iso}|${until ? local(until).iso : ''}|${e.kind === 'transport' ? 't' : 'p'}|${place}`;
    if (!lines.has(key)) lines.set(key, { kind: e.kind, place, from: e.startsAt, until, key });
  }
  const sorted = [...lines.values()].sort((a, b) => a.key.localeCompare(b.key));
  const label = CLASS_LABEL[c.classification];
  const zh = sorted.length
    ? [`病例${c.caseNumber}（${label.zh}）活动轨迹如下：`, ...sorted.map((l, i) => `${zhTimeRange(l.from, l.until)} ${VERB[l.kind].zh} ${l.place}${i === sorted.length - 1 ? '。' : '；'}`), '凡在上述时间到过上述地点的市民，请立即向所在社区（村）、单位或入住酒店报告，配合落实核酸检测等防控措施。']
    : [`病例${c.caseNumber}（${label.zh}）暴露期内无需公布的活动轨迹。`];
  const en = sorted.length
    ? [`Case ${c.caseNumber} (${label.en}) movements:`, ...sorted.map((l, i) => `${enTimeRange(l.from, l.until)} ${VERB[l.kind].en} ${l.place}${i === sorted.length - 1 ? '.' : ';'}`), 'If you were at these places at these times, report to your community, employer or hotel at once and follow the testing instructions.']
    : [`Case ${c.caseNumber} (${label.en}): no movements to publish in the exposure window.`];
  return {
    caseNumber: c.caseNumber,
    classification: c.classification,
    text: { zh: zh.join('\n'), en: en.join('\n') },
    places: sorted.map((l) => ({ place: l.place, from: local(l.from).iso, until: l.until ? local(l.until).iso : null })),
  };
}
