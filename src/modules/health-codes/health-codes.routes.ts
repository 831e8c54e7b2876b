import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { errorResponses } from '../../platform/http.ts';
import { citizenAppeals, correctAppeal, fileAppeal, listAppeals, upholdAppeal } from './appeals.ts';
import { citizenCodes, personCode, personColourHistory } from './code-views.ts';
import type { ColourRule } from './colour-policy.ts';
import { endFact, listFacts, recordFact } from './facts.ts';
import {
  Appeal,
  AppealCorrection,
  CitizenCode,
  CodeView,
  ColourChange,
  Decision,
  EndFact,
  Fact,
  NewAppeal,
  NewFact,
  NewOverride,
  NewPolicy,
  Override,
  Policy,
} from './health-codes.schemas.ts';
import { decideOverride, listOverrides, proposeOverride } from './overrides.ts';
import { activatePolicy, createPolicy, listPolicies } from './policies.ts';

const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const items = <T extends Parameters<typeof Type.Array>[0]>(schema: T) => Type.Object({ items: Type.Array(schema) });
const conflict = { 409: errorResponses[400] };

export const healthCodeRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    const tags = ['health-codes'];
    app.get('/api/people/:id/code', { config: { permission: 'people:read' }, schema: { tags, params: Id, response: { 200: CodeView, ...errorResponses } } }, async (req) =>
      personCode(ctx, { actor: req.actor!, personId: req.params.id }),
    );
    app.get('/api/people/:id/colour-history', { config: { permission: 'people:read' }, schema: { tags, params: Id, response: { 200: items(ColourChange), ...errorResponses } } }, async (req) => ({
      items: await personColourHistory(ctx, { actor: req.actor!, personId: req.params.id }),
    }));
    app.get('/api/people/:id/health-facts', { config: { permission: 'people:read' }, schema: { tags, params: Id, response: { 200: items(Fact), ...errorResponses } } }, async (req) => ({
      items: await listFacts(ctx, { actor: req.actor!, personId: req.params.id }),
    }));
    app.post(
      '/api/people/:id/health-facts',
      { config: { permission: 'health_facts:write' }, schema: { tags, description: 'Record a health fact by hand (with the evidence in the note); the colour follows.', params: Id, body: NewFact, response: { 201: Fact, ...errorResponses } } },
      async (req, reply) => reply.status(201).send(await recordFact(ctx, { actor: req.actor!, personId: req.params.id, input: req.body })),
    );
    app.post('/api/health-facts/:id/end', { config: { permission: 'health_facts:write' }, schema: { tags, params: Id, body: EndFact, response: { 200: Fact, ...errorResponses } } }, async (req) =>
      endFact(ctx, { actor: req.actor!, factId: req.params.id, reason: req.body.reason }),
    );

    app.post(
      '/api/people/:id/overrides',
      { config: { permission: 'overrides:propose' }, schema: { tags, description: 'Propose a manual colour; a different account must approve it.', params: Id, body: NewOverride, response: { 201: Override, ...errorResponses } } },
      async (req, reply) => reply.status(201).send(await proposeOverride(ctx, { actor: req.actor!, personId: req.params.id, input: req.body })),
    );
    app.get(
      '/api/overrides',
      { config: { permission: 'overrides:propose' }, schema: { tags, querystring: Type.Object({ status: Type.Optional(Type.Enum(['pending', 'approved', 'rejected', 'superseded'] as const)), personId: Type.Optional(Type.String({ format: 'uuid' })) }), response: { 200: items(Override), ...errorResponses } } },
      async (req) => ({ items: await listOverrides(ctx, { actor: req.actor!, ...req.query }) }),
    );
    for (const [path, approve] of [['approve', true], ['reject', false]] as const) {
      app.post(`/api/overrides/:id/${path}`, { config: { permission: 'overrides:approve' }, schema: { tags, params: Id, body: Decision, response: { 200: Override, ...errorResponses, ...conflict } } }, async (req) =>
        decideOverride(ctx, { actor: req.actor!, overrideId: req.params.id, approve, note: req.body.note }),
      );
    }

    app.get('/api/appeals', { config: { permission: 'appeals:resolve' }, schema: { tags, querystring: Type.Object({ status: Type.Optional(Type.Enum(['open', 'correction_proposed', 'upheld', 'corrected'] as const)) }), response: { 200: items(Appeal), ...errorResponses } } }, async (req) => ({
      items: await listAppeals(ctx, { actor: req.actor!, status: req.query.status }),
    }));
    app.post('/api/appeals/:id/uphold', { config: { permission: 'appeals:resolve' }, schema: { tags, params: Id, body: Type.Object({ resolution: Type.String({ minLength: 10, maxLength: 500 }) }), response: { 200: Appeal, ...errorResponses, ...conflict } } }, async (req) =>
      upholdAppeal(ctx, { actor: req.actor!, appealId: req.params.id, resolution: req.body.resolution }),
    );
    app.post('/api/appeals/:id/correct', { config: { permission: 'appeals:resolve' }, schema: { tags, description: 'Proposes the corrected colour as a two-person override.', params: Id, body: AppealCorrection, response: { 200: Appeal, ...errorResponses, ...conflict } } }, async (req) =>
      correctAppeal(ctx, { actor: req.actor!, appealId: req.params.id, ...req.body }),
    );

    app.get('/api/health-codes/policies', { config: { permission: 'people:read' }, schema: { tags, response: { 200: items(Policy), ...errorResponses } } }, async (req) => ({ items: await listPolicies(ctx, { actor: req.actor! }) }));
    app.post('/api/health-codes/policies', { config: { permission: 'policies:manage' }, schema: { tags, body: NewPolicy, response: { 201: Policy, ...errorResponses } } }, async (req, reply) =>
      reply.status(201).send(await createPolicy(ctx, { actor: req.actor!, name: req.body.name, rules: req.body.rules as ColourRule[] })),
    );
    app.post(
      '/api/health-codes/policies/:version/activate',
      { config: { permission: 'policies:manage' }, schema: { tags, params: Type.Object({ version: Type.Integer({ minimum: 1 }) }), body: Type.Object({ reason: Type.String({ minLength: 4, maxLength: 500 }) }), response: { 200: Policy, ...errorResponses, ...conflict } } },
      async (req) => activatePolicy(ctx, { actor: req.actor!, version: req.params.version, reason: req.body.reason }),
    );

    app.get(
      '/api/citizen/codes',
      {
        config: { citizen: true },
        schema: {
          tags: ['citizen'],
          response: {
            200: items(CitizenCode),
            ...errorResponses,
          },
        },
      },
      async (req) => ({ items: await citizenCodes(ctx, { actor: req.actor! }) }),
    );
    app.post('/api/citizen/appeals', { config: { citizen: true }, schema: { tags: ['citizen'], body: NewAppeal, response: { 201: Appeal, ...errorResponses, ...conflict } } }, async (req, reply) =>
      reply.status(201).send(await fileAppeal(ctx, { actor: req.actor!, personId: req.body.personId, reason: req.body.reason })),
    );
    app.get('/api/citizen/appeals', { config: { citizen: true }, schema: { tags: ['citizen'], response: { 200: items(Appeal), ...errorResponses } } }, async (req) => ({ items: await citizenAppeals(ctx, { actor: req.actor! }) }));
  };
