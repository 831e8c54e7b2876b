import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import type { Actor, StaffActor } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, forbidden, invalid } from '../../platform/errors.ts';
import { appendAudit, recordAudit } from '../audit/audit.ts';
import { people } from '../people/people.table.ts';
import { exposureWindow, overlapsWindow } from './case-rules.ts';
import { trajectoryRows } from './trajectory.ts';
import { contactCounts, requireCase } from './case-views.ts';
import type { InvestigationDetail } from './cases.schemas.ts';
import { contacts, investigations } from './cases.table.ts';
import type { ReportStatus } from './investigation-rules.ts';
import { investigationDetail, requireInvestigation, updateContactClocks } from './investigations.ts';
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
    (tx) => updateContactClocks(tx, inv.caseId, now, { concluded: true }),
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
  const entries = await trajectoryRows(ctx.db, c.id, { removed: false });
  const confirmed = await ctx.db
    .select({ k: contacts, name: people.name, masked: people.idNumberMasked })
    .from(contacts)
    .leftJoin(people, eq(people.id, contacts.personId))
    .where(and(eq(contacts.caseId, c.id), eq(contacts.status, 'confirmed')))
    .orderBy(asc(contacts.degree), asc(contacts.identifiedAt), asc(contacts.id));
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
      inWindow: overlapsWindow(e, window),
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
    contactCounts: await contactCounts(ctx.db, c.id),
    generatedAt: now.toISOString(),
  };
}

/** The anonymised notice of the case's movements in its exposure window, for publication. */
export async function casePublicNotice(ctx: AppContext, opts: { actor: Actor; caseId: string }): Promise<PublicNotice> {
  const { row } = await requireCase(ctx.db, opts.actor, opts.caseId, 'cases:read');
  const c = row.c;
  const rows = (await trajectoryRows(ctx.db, c.id, { removed: false })).map(({ e, venueName }) => ({ kind: e.kind, startsAt: e.startsAt, endsAt: e.endsAt, place: e.place, detail: e.detail, venueName }));
  const window = exposureWindow(c, ctx.clock.now());
  return composePublicNotice({ caseNumber: c.caseNumber, classification: c.classification as PublicNotice['classification'] }, rows.map((r) => ({ ...r, kind: r.kind as NoticeKind })), window);
}
