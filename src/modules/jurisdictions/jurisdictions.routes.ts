import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { staffOf } from '../../platform/auth-hook.ts';
import type { AppContext } from '../../platform/context.ts';
import { ImportSummary } from '../../platform/csv-import.ts';
import { errorResponses } from '../../platform/http.ts';
import { getJurisdiction, listGrids, listJurisdictions } from './browse-jurisdictions.ts';
import { importJurisdictions } from './import-jurisdictions.ts';
import { Grid, Jurisdiction, JurisdictionDetail, JurisdictionQuery } from './jurisdictions.schemas.ts';

export const jurisdictionRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/jurisdictions',
      {
        config: { permission: 'jurisdictions:read' },
        schema: { tags: ['jurisdictions'], querystring: JurisdictionQuery, response: { 200: Type.Object({ items: Type.Array(Jurisdiction) }), ...errorResponses } },
      },
      async (req) => ({ items: await listJurisdictions(ctx, { actor: staffOf(req), ...req.query }) }),
    );
    app.get(
      '/api/jurisdictions/:id',
      {
        config: { permission: 'jurisdictions:read' },
        schema: { tags: ['jurisdictions'], params: Type.Object({ id: Type.String({ format: 'uuid' }) }), response: { 200: JurisdictionDetail, ...errorResponses } },
      },
      async (req) => getJurisdiction(ctx, { actor: staffOf(req), id: req.params.id }),
    );
    app.get(
      '/api/grids',
      {
        config: { permission: 'jurisdictions:read' },
        schema: { tags: ['jurisdictions'], querystring: Type.Object({ communityId: Type.String({ format: 'uuid' }) }), response: { 200: Type.Object({ items: Type.Array(Grid) }), ...errorResponses } },
      },
      async (req) => ({ items: await listGrids(ctx, { actor: staffOf(req), communityId: req.query.communityId }) }),
    );
    app.post(
      '/api/jurisdictions/import',
      {
        config: { permission: 'jurisdictions:write' },
        schema: {
          tags: ['jurisdictions'],
          description: 'CSV body (text/csv): code,name,level,parent_code. See docs/csv-formats.md.',
          querystring: Type.Object({ fileName: Type.Optional(Type.String({ maxLength: 200 })) }),
          response: { 200: ImportSummary, ...errorResponses },
        },
      },
      async (req) => importJurisdictions(ctx, { actor: staffOf(req), input: req.body as never, fileName: req.query.fileName }),
    );
  };
