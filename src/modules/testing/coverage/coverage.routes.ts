import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requirePermission } from '../../../platform/access.ts';
import { staffOf } from '../../../platform/auth-hook.ts';
import type { AppContext } from '../../../platform/context.ts';
import { invalid } from '../../../platform/errors.ts';
import { errorResponses } from '../../../platform/http.ts';
import { advisePooling } from '../pooling-advisor.ts';
import { Coverage, PoolingAdviceQuery, PoolingAdviceSchema, RoundRef, UntestedQuery } from './coverage.schemas.ts';
import { listRounds, roundCoverage, untestedCsv } from './coverage.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const tags = ['coverage'];

/** Round coverage per community, the untested list as CSV, and the pooling advisor. */
export const coverageRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/coverage/rounds',
      { config: { permission: 'coverage:read' }, schema: { tags, description: 'Testing rounds, newest first (for the coverage page).', response: { 200: Type.Object({ items: Type.Array(RoundRef) }), ...errorResponses } } },
      async (req) => ({ items: await listRounds(ctx, { actor: staffOf(req) }) }),
    );
    app.get(
      '/api/testing-rounds/:id/coverage',
      {
        config: { permission: 'coverage:read' },
        schema: { tags, description: 'Per community of the round’s areas in the caller’s subtree: residents, tested, exempt (see exemptRule), untested.', params: IdParams, response: { 200: Coverage, ...errorResponses } },
      },
      async (req) => roundCoverage(ctx, { actor: staffOf(req), roundId: req.params.id }),
    );
    app.get(
      '/api/testing-rounds/:id/untested.csv',
      {
        config: { permission: 'coverage:read' },
        schema: { tags, description: 'The untested people of the round (name, masked ID, address, masked phone, community) as UTF-8 CSV with BOM, streamed. Audited.', params: IdParams, querystring: UntestedQuery, produces: ['text/csv'] },
      },
      async (req, reply) => {
        const { stream, fileName } = await untestedCsv(ctx, { actor: staffOf(req), roundId: req.params.id, communityId: req.query.communityId });
        return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${fileName}"`).send(stream);
      },
    );
    app.get(
      '/api/testing/pooling-advice',
      {
        config: { permission: 'coverage:read' },
        schema: { tags, description: "Dorfman's two-stage pooling: the ratio (1, 5, 10, 20) with the fewest expected tests per person at this positive rate.", querystring: PoolingAdviceQuery, response: { 200: PoolingAdviceSchema, ...errorResponses } },
      },
      async (req) => {
        requirePermission(staffOf(req), 'coverage:read');
        try {
          return advisePooling(req.query.positiveRate, undefined, req.query.population);
        } catch (e) {
          if (e instanceof RangeError) throw invalid('positiveRate', e.message);
          throw e;
        }
      },
    );
  };
