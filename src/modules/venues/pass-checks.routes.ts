import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { staffOf } from '../../platform/auth-hook.ts';
import type { AppContext } from '../../platform/context.ts';
import { errorResponses } from '../../platform/http.ts';
import { checkPass } from './check-pass.ts';
import { PassCheck, PassCheckRequest } from './venues.schemas.ts';

export const passCheckRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/api/pass-checks',
      {
        config: { permission: 'pass_checks:write' },
        schema: {
          tags: ['venues'],
          description:
            'Pass check (两码一证) at a checkpoint or compound gate: health code, itinerary, negative test within the window (24/48/72 h; default by venue type, else 48 h) and temperature (37.3 °C or more fails). Recorded; every failed item is a reason.',
          body: PassCheckRequest,
          response: { 200: PassCheck, ...errorResponses },
        },
      },
      async (req) => checkPass(ctx, { actor: staffOf(req), input: req.body }),
    );
  };
