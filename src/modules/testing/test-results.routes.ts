import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { staffOf } from '../../platform/auth-hook.ts';
import type { AppContext } from '../../platform/context.ts';
import { errorResponses } from '../../platform/http.ts';
import { listTestResults } from './list-test-results.ts';
import { recordTestResult } from './record-test-result.ts';
import { NewTestResult, TestResult, TestResultsPage, TestResultsQuery } from './testing.schemas.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** Hand-entered test results: what the pass check's certificate is read from until the lab pipeline writes them. */
export const testResultRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/people/:id/test-results',
      { config: { permission: 'people:read' }, schema: { tags: ['testing'], params: IdParams, querystring: TestResultsQuery, response: { 200: TestResultsPage, ...errorResponses } } },
      async (req) => listTestResults(ctx, { actor: staffOf(req), personId: req.params.id, ...req.query }),
    );
    app.post(
      '/api/people/:id/test-results',
      {
        config: { permission: 'test_results:write' },
        schema: {
          tags: ['testing'],
          description: 'Records a test result by hand. A positive result records a positive_result health fact and recolours the person in the same transaction. Audited.',
          params: IdParams,
          body: NewTestResult,
          response: { 201: TestResult, ...errorResponses },
        },
      },
      async (req, reply) => reply.status(201).send(await recordTestResult(ctx, { actor: staffOf(req), personId: req.params.id, input: req.body })),
    );
  };
