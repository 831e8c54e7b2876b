import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { staffOf } from '../../platform/auth-hook.ts';
import type { AppContext } from '../../platform/context.ts';
import { errorResponses } from '../../platform/http.ts';
import { CaseParams, InvestigationDetail } from './cases.schemas.ts';
import { approveReport, casePublicNotice, exportReportPdf, getReport, returnReport, saveReport, submitReport } from './reports.ts';
import { ApproveInput, InvestigationReport, NoticeQuery, PublicNoticeView, ReportInput, ReturnInput } from './reports.schemas.ts';

const conflict = { 409: errorResponses[400] };
const pdf = { description: 'A4 report', content: { 'application/pdf': { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) } } };
const tags = ['investigations'];

/** The investigation report (draft → submitted → approved, or returned) and the case's public notice. */
export const reportRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/investigations/:id/report',
      {
        config: { permission: 'cases:read' },
        schema: { tags, description: 'The assembled report: the case (masked ID), exposure window, trajectory, confirmed contacts (masked IDs) with counts, hypothesis, summary, statuses and work log.', params: CaseParams, response: { 200: InvestigationReport, ...errorResponses } },
      },
      async (req) => getReport(ctx, { actor: staffOf(req), id: req.params.id }),
    );
    app.get(
      '/api/investigations/:id/report.pdf',
      {
        config: { permission: 'cases:read' },
        schema: { tags, description: 'The report as an A4 PDF in Chinese. It contains personal data: every export is audited (investigation_report.export).', params: CaseParams, response: { 200: pdf, ...errorResponses } },
      },
      async (req, reply) => {
        const { pdf: body, caseNumber } = await exportReportPdf(ctx, { actor: staffOf(req), id: req.params.id });
        // Not cached anywhere on the way: the file names people.
        return reply.header('cache-control', 'no-store').header('content-disposition', `attachment; filename="investigation-report-${caseNumber}.pdf"`).type('application/pdf').send(body);
      },
    );
    app.put(
      '/api/investigations/:id/report',
      {
        config: { permission: 'cases:write' },
        schema: { tags, description: 'Saves the summary and source hypothesis while the report is a draft or returned (409 otherwise).', params: CaseParams, body: ReportInput, response: { 200: InvestigationDetail, ...errorResponses, ...conflict } },
      },
      async (req) => saveReport(ctx, { actor: staffOf(req), id: req.params.id, input: req.body }),
    );
    app.post(
      '/api/investigations/:id/report/submit',
      {
        config: { permission: 'cases:write' },
        schema: { tags, description: 'Submits the report for review (needs a summary and a source hypothesis); concludes the contact list (stops the identified clock, and the controlled clock when every confirmed contact is controlled). Audited.', params: CaseParams, response: { 200: InvestigationDetail, ...errorResponses, ...conflict } },
      },
      async (req) => submitReport(ctx, { actor: staffOf(req), id: req.params.id }),
    );
    app.post(
      '/api/investigations/:id/report/approve',
      {
        config: { permission: 'investigations:manage' },
        schema: { tags, description: 'Approves a submitted report and closes the investigation. The submitter cannot approve their own report (403). Audited.', params: CaseParams, body: Type.Union([ApproveInput, Type.Null()], { description: 'optional: a bodiless POST approves without a note' }), response: { 200: InvestigationDetail, ...errorResponses, ...conflict } },
      },
      async (req) => approveReport(ctx, { actor: staffOf(req), id: req.params.id, note: req.body?.note }),
    );
    app.post(
      '/api/investigations/:id/report/return',
      {
        config: { permission: 'investigations:manage' },
        schema: { tags, description: 'Returns a submitted report with a note of what to correct; the investigation is in progress again. Audited.', params: CaseParams, body: ReturnInput, response: { 200: InvestigationDetail, ...errorResponses, ...conflict } },
      },
      async (req) => returnReport(ctx, { actor: staffOf(req), id: req.params.id, note: req.body.note }),
    );
    app.get(
      '/api/cases/:id/public-notice',
      {
        config: { permission: 'cases:read' },
        schema: {
          tags: ['cases'],
          description: 'The anonymised notice of the case’s movements in its exposure window (活动轨迹公告): case number, classification, places and times (city time, to the minute). No name, ID, phone, address, age or home. `format=text` answers text/plain in `lang`.',
          params: CaseParams,
          querystring: NoticeQuery,
          produces: ['application/json', 'text/plain'],
          response: { 200: PublicNoticeView, ...errorResponses },
        },
      },
      async (req, reply) => {
        const notice = await casePublicNotice(ctx, { actor: staffOf(req), caseId: req.params.id });
        // The 200 schema describes the JSON form; a text body is not passed through the JSON serializer.
        if (req.query.format === 'text') return reply.type('text/plain; charset=utf-8').send(notice.text[req.query.lang ?? 'zh'] as never);
        return notice;
      },
    );
  };
