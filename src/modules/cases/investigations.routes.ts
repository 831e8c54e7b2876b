import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { staffOf } from '../../platform/auth-hook.ts';
import type { AppContext } from '../../platform/context.ts';
import { errorResponses } from '../../platform/http.ts';
import { AssignInput, Board, BoardQuery, CaseParams, InvestigationDetail, NewTeam, Team, TeamChange, WorkLogInput } from './cases.schemas.ts';
import { assignInvestigation, changeTeam, createTeam, getInvestigation, investigationBoard, listTeams, logWork, startInvestigation } from './investigations.ts';

const conflict = { 409: errorResponses[400] };

/** Investigations (the board, taking orders, work logs) and the teams that take them. */
export const investigationRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    const tags = ['investigations'];
    app.get(
      '/api/investigations',
      { config: { permission: 'cases:read' }, schema: { tags, description: 'The investigation board: investigations in the caller’s subtree, oldest first, with every team’s load.', querystring: BoardQuery, response: { 200: Board, ...errorResponses } } },
      async (req) => investigationBoard(ctx, { actor: staffOf(req), ...req.query }),
    );
    app.get('/api/investigations/:id', { config: { permission: 'cases:read' }, schema: { tags, params: CaseParams, response: { 200: InvestigationDetail, ...errorResponses } } }, async (req) =>
      getInvestigation(ctx, { actor: staffOf(req), id: req.params.id }),
    );
    app.post(
      '/api/investigations/:id/assign',
      { config: { permission: 'investigations:manage' }, schema: { tags, description: 'Hands the investigation to another team. Audited.', params: CaseParams, body: AssignInput, response: { 200: InvestigationDetail, ...errorResponses, ...conflict } } },
      async (req) => assignInvestigation(ctx, { actor: staffOf(req), id: req.params.id, input: req.body }),
    );
    app.post(
      '/api/investigations/:id/start',
      { config: { permission: 'cases:write' }, schema: { tags, description: 'The caller takes the order and starts the investigation. Audited.', params: CaseParams, response: { 200: InvestigationDetail, ...errorResponses, ...conflict } } },
      async (req) => startInvestigation(ctx, { actor: staffOf(req), id: req.params.id }),
    );
    app.post(
      '/api/investigations/:id/log',
      { config: { permission: 'cases:write' }, schema: { tags, description: 'Appends phone or field work to the investigation’s log.', params: CaseParams, body: WorkLogInput, response: { 200: InvestigationDetail, ...errorResponses, ...conflict } } },
      async (req) => logWork(ctx, { actor: staffOf(req), id: req.params.id, input: req.body }),
    );
    app.get('/api/investigation-teams', { config: { permission: 'cases:read' }, schema: { tags, description: 'Teams in the caller’s subtree with their load.', response: { 200: Type.Array(Team), ...errorResponses } } }, async (req) =>
      listTeams(ctx, { actor: staffOf(req) }),
    );
    app.post(
      '/api/investigation-teams',
      { config: { permission: 'investigations:manage' }, schema: { tags, description: 'Creates a team of investigators that takes orders in rotation. Audited.', body: NewTeam, response: { 201: Team, ...errorResponses, ...conflict } } },
      async (req, reply) => reply.status(201).send(await createTeam(ctx, { actor: staffOf(req), input: req.body })),
    );
    app.patch(
      '/api/investigation-teams/:id',
      { config: { permission: 'investigations:manage' }, schema: { tags, description: 'Changes a team’s name, capacity, members or whether it takes orders. Audited.', params: CaseParams, body: TeamChange, response: { 200: Team, ...errorResponses } } },
      async (req) => changeTeam(ctx, { actor: staffOf(req), id: req.params.id, input: req.body }),
    );
  };
