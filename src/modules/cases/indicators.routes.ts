import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { staffOf } from '../../platform/auth-hook.ts';
import type { AppContext } from '../../platform/context.ts';
import { errorResponses } from '../../platform/http.ts';
import { MAX_RANGE_DAYS } from './chains.ts';
import { Indicators, IndicatorsCsvQuery, IndicatorsQuery } from './indicators.schemas.ts';
import { indicatorsCsv, tracingIndicators } from './indicators.ts';

const tags = ['tracing'];

/** Tracing indicators (流调指标): the day's clearance, clocks, open investigations and contacts; and a CSV per day. */
export const indicatorRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/tracing/indicators',
      {
        config: { permission: 'cases:read' },
        schema: {
          tags,
          description: 'For a city day (UTC+8, default today) in the caller’s subtree (or a node of it): the clearance and the clocks (hours from the report) of the cases reported that day, the investigations open at the end of the day by age, the contacts found, confirmed and controlled that day, the pending control hand-overs, and the clearance of the 7 days ending with it.',
          querystring: IndicatorsQuery,
          response: { 200: Indicators, ...errorResponses },
        },
      },
      async (req) => tracingIndicators(ctx, { actor: staffOf(req), ...req.query }),
    );
    app.get(
      '/api/tracing/indicators.csv',
      {
        config: { permission: 'cases:read' },
        schema: {
          tags,
          description: `One row per city day in [from, to] (default the last 7, at most ${MAX_RANGE_DAYS}) with the same numbers, as UTF-8 CSV with BOM (opens in Excel).`,
          querystring: IndicatorsCsvQuery,
          produces: ['text/csv'],
          response: { 200: Type.String({ description: 'text/csv' }), ...errorResponses },
        },
      },
      async (req, reply) => {
        const { csv, fileName } = await indicatorsCsv(ctx, { actor: staffOf(req), ...req.query });
        return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${fileName}"`).send(csv);
      },
    );
  };
