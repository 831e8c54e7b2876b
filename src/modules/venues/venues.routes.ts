import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { staffOf } from '../../platform/auth-hook.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { ImportSummary } from '../../platform/csv-import.ts';
import { errorResponses } from '../../platform/http.ts';
import { RateLimiter } from '../../platform/rate-limit.ts';
import { citizenScan } from './citizen-scan.ts';
import { createVenue } from './create-venue.ts';
import { getVenue } from './get-venue.ts';
import { importScans } from './import-scans.ts';
import { importVenues } from './import-venues.ts';
import { ingestScans } from './ingest-scans.ts';
import { listVenueScans } from './list-venue-scans.ts';
import { searchVenues } from './search-venues.ts';
import { updateVenue } from './update-venue.ts';
import {
  CitizenScanRequest,
  CitizenScanResult,
  NewVenue,
  ScanBatch,
  ScanBatchResult,
  Venue,
  VenueChanges,
  VenueScansPage,
  VenueScansQuery,
  VenuesPage,
  VenuesQuery,
} from './venues.schemas.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const FileQuery = Type.Object({ fileName: Type.Optional(Type.String({ maxLength: 200 })) });

/** A device batch of 5,000 scans is about 1 MB of JSON; leave it room. */
const SCAN_BATCH_BODY_LIMIT = 4 * 1024 * 1024;

export const venuesRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    const citizenScanLimiter = new RateLimiter(30, 60_000);
    app.get(
      '/api/venues',
      { config: { permission: 'venues:read' }, schema: { tags: ['venues'], querystring: VenuesQuery, response: { 200: VenuesPage, ...errorResponses } } },
      async (req) => searchVenues(ctx, { actor: staffOf(req), ...req.query }),
    );
    app.get(
      '/api/venues/:id',
      { config: { permission: 'venues:read' }, schema: { tags: ['venues'], params: IdParams, response: { 200: Venue, ...errorResponses } } },
      async (req) => getVenue(ctx, { actor: staffOf(req), id: req.params.id }),
    );
    app.post(
      '/api/venues',
      { config: { permission: 'venues:write' }, schema: { tags: ['venues'], body: NewVenue, response: { 201: Venue, ...errorResponses, 409: errorResponses[400] } } },
      async (req, reply) => reply.status(201).send(await createVenue(ctx, { actor: staffOf(req), input: req.body })),
    );
    app.patch(
      '/api/venues/:id',
      { config: { permission: 'venues:write' }, schema: { tags: ['venues'], params: IdParams, body: VenueChanges, response: { 200: Venue, ...errorResponses } } },
      async (req) => updateVenue(ctx, { actor: staffOf(req), id: req.params.id, changes: req.body }),
    );
    app.post(
      '/api/venues/import',
      {
        config: { permission: 'venues:write' },
        schema: {
          tags: ['venues'],
          description: 'CSV body (text/csv), streamed: code,name,type[,address,jurisdiction_code]. See docs/csv-formats.md.',
          querystring: FileQuery,
          response: { 200: ImportSummary, ...errorResponses },
        },
      },
      async (req) => importVenues(ctx, { actor: staffOf(req), input: req.body as never, fileName: req.query.fileName }),
    );
    app.post(
      '/api/venues/scans',
      {
        bodyLimit: SCAN_BATCH_BODY_LIMIT,
        config: { permission: 'scans:write' },
        schema: {
          tags: ['venues'],
          description:
            'A scanner device’s batch of up to 5,000 scan events, idempotent by eventId. Each event is answered recorded (pass/deny with the reason), duplicate (as recorded before) or rejected (field and reason); recorded scans are committed before the answer.',
          body: ScanBatch,
          response: { 200: ScanBatchResult, ...errorResponses },
        },
      },
      async (req) => ingestScans(ctx, { actor: staffOf(req), scans: req.body.scans }),
    );
    app.post(
      '/api/venues/scans/import',
      {
        config: { permission: 'scans:write' },
        schema: {
          tags: ['venues'],
          description: 'CSV body (text/csv), streamed: id_number,venue_code,scanned_at,event_id[,colour_shown]. A scan already recorded counts as updated. See docs/csv-formats.md.',
          querystring: FileQuery,
          response: { 200: ImportSummary, ...errorResponses },
        },
      },
      async (req) => importScans(ctx, { actor: staffOf(req), input: req.body as never, fileName: req.query.fileName }),
    );
    app.get(
      '/api/venues/:id/scans',
      { config: { permission: 'venues:read' }, schema: { tags: ['venues'], params: IdParams, querystring: VenueScansQuery, response: { 200: VenueScansPage, ...errorResponses } } },
      async (req) => listVenueScans(ctx, { actor: staffOf(req), venueId: req.params.id, ...req.query }),
    );
    app.post(
      '/api/citizen/scans',
      {
        config: { citizen: true },
        schema: {
          tags: ['citizen'],
          description: 'A citizen scans a venue poster (QR text yipan:venue:<code>) for a person registered with their phone; answered pass or deny with the reason.',
          body: CitizenScanRequest,
          response: { 200: CitizenScanResult, ...errorResponses },
        },
      },
      async (req) => {
        if (req.actor?.kind !== 'citizen') throw new AppError('UNAUTHENTICATED', 'Sign in first');
        // A person walks through a few doors a minute at most; more is a script.
        if (!citizenScanLimiter.take(req.actor.phone)) throw new AppError('RATE_LIMITED', 'Too many scans from this phone; wait a minute');
        return citizenScan(ctx, { actor: req.actor, input: req.body });
      },
    );
  };
