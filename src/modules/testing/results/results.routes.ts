import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { staffOf } from '../../../platform/auth-hook.ts';
import type { AppContext } from '../../../platform/context.ts';
import { ImportSummary } from '../../../platform/csv-import.ts';
import { errorResponses } from '../../../platform/http.ts';
import { listConflicts, resolveConflict } from './conflicts.ts';
import { importLabResults, ingestLabResults } from './ingest-results.ts';
import { listRecalls } from './recalls.ts';
import {
  ConflictsPage,
  ConflictsQuery,
  LabResultBatch,
  LabResultBatchResult,
  RecallsPage,
  RecallsQuery,
  ResolveConflict,
  ResultConflict,
  TurnaroundQuery,
  TurnaroundReport,
} from './results.schemas.ts';
import { turnaroundReport } from './turnaround-report.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const FileQuery = Type.Object({ fileName: Type.Optional(Type.String({ maxLength: 200 })) });
/** 5,000 results are about 1 MB of JSON; leave them room. */
const RESULT_BATCH_BODY_LIMIT = 4 * 1024 * 1024;

/** Lab results: JSON batches and CSV files from labs, conflicts, recalls and turnaround. */
export const labResultRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/api/lab/results',
      {
        bodyLimit: RESULT_BATCH_BODY_LIMIT,
        config: { permission: 'results:write' },
        schema: {
          tags: ['lab'],
          description:
            'A lab’s batch of up to 5,000 tube results, in one transaction. Each is answered applied, duplicate (same result again: nothing changes), conflict (unknown tube or a different result: recorded for resolution, the stored result is never overwritten) or rejected (field and reason, e.g. an open tube). Applied results reach the tube’s people in the same transaction: certificates for negatives, recalls for invalid tubes, a positive_result fact for a positive single sample, a pool follow-up for a positive pool.',
          body: LabResultBatch,
          response: { 200: LabResultBatchResult, ...errorResponses },
        },
      },
      async (req) => ingestLabResults(ctx, { actor: staffOf(req), results: req.body.results }),
    );
    app.post(
      '/api/lab/results/import',
      {
        config: { permission: 'results:write' },
        schema: {
          tags: ['lab'],
          description: 'CSV body (text/csv), streamed: barcode,result,tested_at[,ct_orf1ab,ct_n,lab]. imported = applied, updated = the same result again; conflicts and refused results are rejected rows. See docs/csv-formats.md.',
          querystring: FileQuery,
          response: { 200: ImportSummary, ...errorResponses },
        },
      },
      async (req) => importLabResults(ctx, { actor: staffOf(req), input: req.body as never, fileName: req.query.fileName }),
    );
    app.get(
      '/api/lab/conflicts',
      { config: { permission: 'results:read' }, schema: { tags: ['lab'], description: 'Open result conflicts, newest first.', querystring: ConflictsQuery, response: { 200: ConflictsPage, ...errorResponses } } },
      async (req) => listConflicts(ctx, { actor: staffOf(req), ...req.query }),
    );
    app.post(
      '/api/lab/conflicts/:id/resolve',
      {
        config: { permission: 'results:write' },
        schema: {
          tags: ['lab'],
          description: 'Closes a conflict with what was done about it. The tube’s stored result is never changed. Audited.',
          params: IdParams,
          body: ResolveConflict,
          response: { 200: ResultConflict, ...errorResponses, 409: errorResponses[400] },
        },
      },
      async (req) => resolveConflict(ctx, { actor: staffOf(req), id: req.params.id, resolution: req.body.resolution }),
    );
    app.get(
      '/api/lab/recalls',
      {
        config: { permission: 'results:read' },
        schema: { tags: ['lab'], description: 'People of invalid tubes who have not been sampled again, in your jurisdiction.', querystring: RecallsQuery, response: { 200: RecallsPage, ...errorResponses } },
      },
      async (req) => listRecalls(ctx, { actor: staffOf(req), ...req.query }),
    );
    app.get(
      '/api/lab/turnaround',
      {
        config: { permission: 'results:read' },
        schema: {
          tags: ['lab'],
          description: 'Per lab, over tubes resulted from `from` to `to` (both included): tubes, median and p90 hours from the first sample to the result, the share within the 8-hour target, and the late tubes.',
          querystring: TurnaroundQuery,
          response: { 200: TurnaroundReport, ...errorResponses },
        },
      },
      async (req) => turnaroundReport(ctx, { actor: staffOf(req), ...req.query }),
    );
  };
