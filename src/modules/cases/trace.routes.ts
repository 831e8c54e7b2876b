import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { staffOf } from '../../platform/auth-hook.ts';
import type { AppContext } from '../../platform/context.ts';
import { errorResponses } from '../../platform/http.ts';
import { DEFAULT_WINDOW_MINUTES } from './contact-rules.ts';
import { MAX_TRACE_DAYS, MAX_WINDOW_MINUTES, traceCoLocations, traceCsv } from './trace.ts';

const Timestamp = Type.String({ format: 'date-time' });

export const TraceRequest = Type.Object({
  idNumber: Type.String({ minLength: 5, maxLength: 32, description: 'the person’s document number (in the body, so it stays out of URLs and logs)' }),
  since: Timestamp,
  until: Type.String({ format: 'date-time', description: `after since, at most ${MAX_TRACE_DAYS} days later` }),
  windowMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_WINDOW_MINUTES, default: DEFAULT_WINDOW_MINUTES, description: '± minutes around each of the person’s scans' })),
  reveal: Type.Optional(Type.Boolean({ description: 'full ID numbers of the contacts in the caller’s subtree; needs people:reveal and a reason; audited' })),
  reason: Type.Optional(Type.String({ maxLength: 500 })),
});

export const TracedCoLocation = Type.Object({
  idNumber: Type.String({ description: 'masked unless revealed' }),
  revealed: Type.Boolean(),
  venueCode: Type.String(),
  caseScanAt: Timestamp,
  contactScanAt: Timestamp,
});

const tags = ['tracing'];

/** Co-location search (时空伴随) by ID number, for investigators and `yipan trace`. */
export const traceRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/api/tracing/co-locations',
      {
        config: { permission: 'cases:write' },
        schema: {
          tags,
          description:
            'Everyone scanned at the same venue within ± windowMinutes of one of the person’s scans in [since, until], ordered along the person’s visits. JSON by default; CSV (id_number,venue_code,case_scan_at,contact_scan_at) with `Accept: text/csv`. A person outside the caller’s subtree answers 404. With reveal, one audit row counting the revealed people is committed first.',
          body: TraceRequest,
          produces: ['application/json', 'text/csv'],
          response: { 200: Type.Object({ items: Type.Array(TracedCoLocation), total: Type.Integer() }), ...errorResponses },
        },
      },
      async (req, reply) => {
        const { since, until, ...rest } = req.body;
        const result = await traceCoLocations(ctx, { actor: staffOf(req), ...rest, since: new Date(since), until: new Date(until) });
        reply.header('vary', 'accept');
        // Only a client that names text/csv gets CSV; a browser's */* gets JSON. The 200 schema
        // describes the JSON form: a text body is not passed through the JSON serializer.
        if (req.headers.accept?.toLowerCase().includes('text/csv')) return reply.type('text/csv; charset=utf-8').send(traceCsv(result.items) as never);
        return result;
      },
    );
  };
