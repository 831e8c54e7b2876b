import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { staffOf } from '../../../platform/auth-hook.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { errorResponses } from '../../../platform/http.ts';
import { createRound, getRound, listRounds, moveRound } from './rounds.ts';
import { ingestSamplingEvents } from './sampling-events.ts';
import { createSamplingPoint, listSamplingPoints, updateSamplingPoint } from './sampling-points.ts';
import {
  Batch,
  BarcodeParams,
  NewBatch,
  NewRound,
  NewSamplingPoint,
  Round,
  RoundsPage,
  RoundsQuery,
  SamplingEventBatch,
  SamplingEventResult,
  SamplingPoint,
  SamplingPointChanges,
  SamplingPointsPage,
  SamplingPointsQuery,
  TransferCodeParams,
  Tube,
} from './sampling.schemas.ts';
import { createBatch, getBatch, getTube, receiveBatch } from './tube-batches.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const withConflict = { ...errorResponses, 409: errorResponses[400] };
const tags = ['sampling'];

/** Sampling points, mass-testing rounds, the samplers' device events, tube batches and tubes. */
export const samplingRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    const actorOf = (req: FastifyRequest) => {
      if (!req.actor) throw new AppError('UNAUTHENTICATED', 'Sign in first');
      return req.actor;
    };

    app.get(
      '/api/sampling-points',
      { config: { permission: 'sampling:write' }, schema: { tags, querystring: SamplingPointsQuery, response: { 200: SamplingPointsPage, ...errorResponses } } },
      async (req) => listSamplingPoints(ctx, { actor: staffOf(req), ...req.query }),
    );
    app.post(
      '/api/sampling-points',
      { config: { permission: 'rounds:manage' }, schema: { tags, body: NewSamplingPoint, response: { 201: SamplingPoint, ...withConflict } } },
      async (req, reply) => reply.status(201).send(await createSamplingPoint(ctx, { actor: staffOf(req), input: req.body })),
    );
    app.patch(
      '/api/sampling-points/:id',
      { config: { permission: 'rounds:manage' }, schema: { tags, params: IdParams, body: SamplingPointChanges, response: { 200: SamplingPoint, ...errorResponses } } },
      async (req) => updateSamplingPoint(ctx, { actor: staffOf(req), id: req.params.id, changes: req.body }),
    );

    app.get(
      '/api/testing-rounds',
      { config: { permission: 'sampling:write' }, schema: { tags, querystring: RoundsQuery, response: { 200: RoundsPage, ...errorResponses } } },
      async (req) => listRounds(ctx, { actor: staffOf(req), ...req.query }),
    );
    app.post(
      '/api/testing-rounds',
      {
        config: { permission: 'rounds:manage' },
        schema: { tags, description: 'Plans a mass-testing round: its day and, per area, the largest pool (1, 5, 10 or 20 per tube).', body: NewRound, response: { 201: Round, ...errorResponses } },
      },
      async (req, reply) => reply.status(201).send(await createRound(ctx, { actor: staffOf(req), input: req.body })),
    );
    app.get(
      '/api/testing-rounds/:id',
      { config: { permission: 'sampling:write' }, schema: { tags, params: IdParams, response: { 200: Round, ...errorResponses } } },
      async (req) => getRound(ctx, { actor: staffOf(req), id: req.params.id }),
    );
    for (const to of ['open', 'close'] as const) {
      app.post(
        `/api/testing-rounds/:id/${to}`,
        { config: { permission: 'rounds:manage' }, schema: { tags, description: `planned → open → closed (${to}).`, params: IdParams, response: { 200: Round, ...withConflict } } },
        async (req) => moveRound(ctx, { actor: staffOf(req), id: req.params.id, to }),
      );
    }

    app.post(
      '/api/sampling/events',
      {
        bodyLimit: 4 * 1024 * 1024,
        config: { permission: 'sampling:write' },
        schema: {
          tags,
          description:
            "A sampling device's queue (open_tube, add_member, close_tube), applied in order. Each event is answered applied, duplicate (replayed: nothing changed) or rejected (code and reason). add_member is idempotent by eventId; open_tube by barcode and its parameters; close_tube when the tube is already closed.",
          body: SamplingEventBatch,
          response: { 200: SamplingEventResult, ...errorResponses },
        },
      },
      async (req) => ingestSamplingEvents(ctx, { actor: staffOf(req), events: req.body.events }),
    );

    app.post(
      '/api/tube-batches',
      {
        config: { permission: 'sampling:write' },
        schema: { tags, description: 'Hands closed tubes to a lab; answers a short transfer code. The tubes go in transit.', body: NewBatch, response: { 201: Batch, ...withConflict } },
      },
      async (req, reply) => reply.status(201).send(await createBatch(ctx, { actor: staffOf(req), input: req.body })),
    );
    app.get(
      '/api/tube-batches/:transferCode',
      { config: { signedIn: true }, schema: { tags, description: 'Needs sampling:write or batches:receive.', params: TransferCodeParams, response: { 200: Batch, ...errorResponses } } },
      async (req) => getBatch(ctx, { actor: actorOf(req), transferCode: req.params.transferCode }),
    );
    app.post(
      '/api/tube-batches/:transferCode/receive',
      { config: { permission: 'batches:receive' }, schema: { tags, params: TransferCodeParams, response: { 200: Batch, ...withConflict } } },
      async (req) => receiveBatch(ctx, { actor: staffOf(req), transferCode: req.params.transferCode }),
    );
    app.get(
      '/api/tubes/:barcode',
      { config: { signedIn: true }, schema: { tags, description: 'Needs sampling:write or batches:receive. Members are masked.', params: BarcodeParams, response: { 200: Tube, ...errorResponses } } },
      async (req) => getTube(ctx, { actor: actorOf(req), barcode: req.params.barcode }),
    );
  };
