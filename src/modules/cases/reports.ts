import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import type { Actor, StaffActor } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, forbidden, invalid } from '../../platform/errors.ts';
import { appendAudit, recordAudit } from '../audit/audit.ts';
import { people } from '../people/people.table.ts';
import { venues } from '../venues/venues.table.ts';
import { exposureWindow } from './case-rules.ts';
import { requireCase } from './case-views.ts';
import type { InvestigationDetail } from './cases.schemas.ts';
import { contacts, investigations, trajectoryEntries } from './cases.table.ts';
import type { ReportStatus } from './investigation-rules.ts';
import { investigationDetail, requireInvestigation } from './investigations.ts';
import { composePublicNotice, type NoticeKind, type PublicNotice } from './public-notice.ts';
import { renderReportPdf } from './report-pdf.ts';
import type { InvestigationReport, ReportInput } from './reports.schemas.ts';

type Investigation = typeof investigations.$inferSelect;
const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * Moves the report from one of `from` to its next state, guarded in the UPDATE itself so two
 * reviewers acting at once cannot both succeed; the audit row commits with the change.
 */
async function transition(ctx: AppContext, staff: StaffActor, inv: Investigation, from: ReportStatus[], set: Partial<typeof investigations.$inferInsert>, audit: { action: string; reason?: string | null; details?: Record<string, unknown> }, alsoInTx?: (tx: Executor) => Promise<void>): Promise<InvestigationDetail> {
  const refuse = () => new AppError('CONFLICT', `The report is ${inv.reportStatus}; this needs it ${from.join(' or ')}`);
  if (!from.includes(inv.reportStatus as ReportStatus)) throw refuse();
  await ctx.db.transaction(async (tx) => {
    const done = await tx
      .update(investigations)
      .set(set)
      .where(and(eq(investigations.id, inv.id), inArray(investigations.reportStatus, from)))
      .returning({ id: investigations.id });
    if (done.length === 0) throw refuse();
    await alsoInTx?.(tx);
    await appendAudit(tx, staff, { entityType: 'investigation', entityId: inv.id, jurisdictionPath: inv.jurisdictionPath, ...audit });
  });
  return investigationDetail(ctx.db, inv.id);
}

/** Saves the draft (or the returned report being corrected). Audited without the text: it may name people. */
export async function saveReport(ctx: AppContext, opts: { actor: Actor; id: string; input: ReportInput }): Promise<InvestigationDetail> {
  const { staff, inv } = await requireInvestigation(ctx.db, opts.actor, opts.id, 'cases:write');
  const { summary, sourceHypothesis } = opts.input;
  return transition(ctx, staff, inv, ['draft', 'returned'], { summary, sourceHypothesis }, { action: 'investigation_report.save', details: { fields: Object.keys(opts.input) } });
}

/**
 * The investigator submits the report for review. Submitting concludes the contact list: the
 * "contacts identified" clock stops now if no confirmation stopped it, and "controlled" too when
 * every confirmed contact is under control (a case with no contacts is trivially so).
 */
export async function submitReport(ctx: AppContext, opts: { actor: Actor; id: string }): Promise<InvestigationDetail> {
  const { staff, inv } = await requireInvestigation(ctx.db, opts.actor, opts.id, 'cases:write');
  if (!inv.summary?.trim()) throw invalid('summary', 'the report needs a summary before it is submitted');
  if (!inv.sourceHypothesis?.trim()) throw invalid('sourceHypothesis', 'the report needs a source hypothesis before it is submitted');
  const now = ctx.clock.now();
  return transition(
    ctx,
    staff,
    inv,
    ['draft', 'returned'],
    { reportStatus: 'submitted', status: 'submitted', submittedBy: staff.id, submittedAt: now },
    { action: 'investigation_report.submit', details: { resubmitted: inv.reportStatus === 'returned' } },
    async (tx) => {
      const [{ uncontrolled }] = await tx
        .select({ uncontrolled: sql<number>`count(*)::int` })
        .from(contacts)
        .where(and(eq(contacts.caseId, inv.caseId), eq(contacts.status, 'confirmed'), isNull(contacts.controlledAt)));
      const clocks: Partial<typeof investigations.$inferInsert> = {};
      if (!inv.contactsIdentifiedAt) clocks.contactsIdentifiedAt = now;
      if (!inv.contactsControlledAt && Number(uncontrolled) === 0) clocks.contactsControlledAt = now;
      if (Object.keys(clocks).length) await tx.update(investigations).set(clocks).where(eq(investigations.id, inv.id));
    },
  );
}

/** A commander approves the submitted report and the investigation closes. Four eyes: never the submitter. */
export async function approveReport(ctx: AppContext, opts: { actor: Actor; id: string; note?: string }): Promise<InvestigationDetail> {
  const { staff, inv } = await requireInvestigation(ctx.db, opts.actor, opts.id, 'investigations:manage');
  if (inv.reportStatus === 'submitted' && inv.submittedBy === staff.id) throw forbidden('The submitter of a report cannot approve it; another reviewer must');
  const now = ctx.clock.now();
  const note = opts.note?.trim() || null;
  return transition(ctx, staff, inv, ['submitted'], { reportStatus: 'approved', reviewedBy: staff.id, reviewedAt: now, reviewNote: note, status: 'closed', closedAt: now }, { action: 'investigation_report.approve', reason: note });
}

/** A commander sends the report back with what to correct; the investigation is in progress again. */
export async function returnReport(ctx: AppContext, opts: { actor: Actor; id: string; note: string }): Promise<InvestigationDetail> {
  const { staff, inv } = await requireInvestigation(ctx.db, opts.actor, opts.id, 'investigations:manage');
  const note = opts.note.trim();
  if (!note) throw invalid('note', 'say what is to be corrected');
  return transition(ctx, staff, inv, ['submitted'], { reportStatus: 'returned', status: 'in_progress', reviewedBy: staff.id, reviewedAt: ctx.clock.now(), reviewNote: note }, { action: 'investigation_report.return', reason: note });
}

/** The report as read on screen and printed: the case, its window, trajectory and confirmed contacts. */
export async function getReport(ctx: AppContext, opts: { actor: Actor; id: string }): Promise<InvestigationReport> {
  const { staff, inv } = await requireInvestigation(ctx.db, opts.actor, opts.id, 'cases:read');
  return assembleReport(ctx, staff, inv);
}

/**
 * The report as an A4 PDF. It carries names and masked IDs of the case and every contact, and a
 * file leaves the system's control once downloaded: the export is audited, committed before the
 * file is sent (and after it rendered, so a failed render records no export).
 */
export async function exportReportPdf(ctx: AppContext, opts: { actor: Actor; id: string }): Promise<{ pdf: Buffer; caseNumber: string }> {
  const { staff, inv } = await requireInvestigation(ctx.db, opts.actor, opts.id, 'cases:read');
  const report = await assembleReport(ctx, staff, inv);
  const pdf = await renderReportPdf(report, ctx.clock.now());
  await recordAudit(ctx.db, staff, {
    action: 'investigation_report.export',
    entityType: 'investigation',
    entityId: inv.id,
    jurisdictionPath: inv.jurisdictionPath,
    details: { format: 'pdf', caseNumber: report.case.caseNumber, reportStatus: report.investigation.reportStatus, contacts: report.contacts.length },
  });
  return { pdf, caseNumber: report.case.caseNumber };
}

async function assembleReport(ctx: AppContext, staff: StaffActor, inv: Investigation): Promise<InvestigationReport> {
  const { row } = await requireCase(ctx.db, staff, inv.caseId, 'cases:read');
  const c = row.c;
  const now = ctx.clock.now();
  const window = exposureWindow(c, now);
  const entries = await ctx.db
    .select({ e: trajectoryEntries, venueCode: venues.code, venueName: venues.name })
    .from(trajectoryEntries)
    .leftJoin(venues, eq(venues.id, trajectoryEntries.venueId))
    .where(and(eq(trajectoryEntries.caseId, c.id), isNull(trajectoryEntries.removedAt)))
    .orderBy(asc(trajectoryEntries.startsAt), asc(trajectoryEntries.endsAt), asc(trajectoryEntries.id));
  const all = await ctx.db
    .select({ k: contacts, name: people.name, masked: people.idNumberMasked })
    .from(contacts)
    .leftJoin(people, eq(people.id, contacts.personId))
    .where(eq(contacts.caseId, c.id))
    .orderBy(asc(contacts.degree), asc(contacts.identifiedAt), asc(contacts.id));
  const confirmed = all.filter((r) => r.k.status === 'confirmed');
  return {
    investigation: await investigationDetail(ctx.db, inv.id),
    case: {
      id: c.id,
      caseNumber: c.caseNumber,
      name: row.name,
      idNumberMasked: row.idNumberMasked,
      community: row.community,
      classification: c.classification as InvestigationReport['case']['classification'],
      severity: (c.severity as InvestigationReport['case']['severity']) ?? null,
      origin: c.origin as InvestigationReport['case']['origin'],
      outcome: c.outcome as InvestigationReport['case']['outcome'],
      onsetDate: c.onsetDate,
      sampledAt: iso(c.sampledAt),
      reportedAt: c.reportedAt.toISOString(),
      isolatedAt: iso(c.isolatedAt),
    },
    exposureWindow: { from: window.from.toISOString(), until: window.until.toISOString(), anchor: window.anchor },
    trajectory: entries.map(({ e, venueCode, venueName }) => ({
      kind: e.kind as InvestigationReport['trajectory'][number]['kind'],
      startsAt: e.startsAt.toISOString(),
      endsAt: iso(e.endsAt),
      venueCode,
      venueName,
      place: e.place,
      detail: e.detail,
      inWindow: e.startsAt <= window.until && (e.endsAt ?? e.startsAt) >= window.from,
    })),
    contacts: confirmed.map(({ k, name, masked }) => ({
      name: name ?? k.candidateName ?? '',
      idNumberMasked: masked ?? k.candidateIdMasked,
      degree: k.degree as InvestigationReport['contacts'][number]['degree'],
      sources: k.sources as InvestigationReport['contacts'][number]['sources'],
      controlMeasure: (k.controlMeasure as InvestigationReport['contacts'][number]['controlMeasure']) ?? null,
      measureUntil: iso(k.measureUntil),
      lastExposureAt: iso(k.lastExposureAt),
      controlledAt: iso(k.controlledAt),
    })),
    contactCounts: {
      candidates: all.filter((r) => r.k.status === 'candidate').length,
      confirmed: confirmed.length,
      dismissed: all.filter((r) => r.k.status === 'dismissed').length,
      secondary: all.filter((r) => r.k.degree === 'secondary' && r.k.status !== 'dismissed').length,
      controlled: all.filter((r) => r.k.controlledAt).length,
    },
    generatedAt: now.toISOString(),
  };
}

/** The anonymised notice of the case's movements in its exposure window, for publication. */
export async function casePublicNotice(ctx: AppContext, opts: { actor: Actor; caseId: string }): Promise<PublicNotice> {
  const { row } = await requireCase(ctx.db, opts.actor, opts.caseId, 'cases:read');
  const c = row.c;
  const rows = await ctx.db
    .select({ kind: trajectoryEntries.kind, startsAt: trajectoryEntries.startsAt, endsAt: trajectoryEntries.endsAt, place: trajectoryEntries.place, detail: trajectoryEntries.detail, venueName: venues.name })
    .from(trajectoryEntries)
    .leftJoin(venues, eq(venues.id, trajectoryEntries.venueId))
    .where(and(eq(trajectoryEntries.caseId, c.id), isNull(trajectoryEntries.removedAt)));
  const window = exposureWindow(c, ctx.clock.now());
  return composePublicNotice({ caseNumber: c.caseNumber, classification: c.classification as PublicNotice['classification'] }, rows.map((r) => ({ ...r, kind: r.kind as NoticeKind })), window);
}
