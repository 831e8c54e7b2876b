import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { staffOf } from '../../../platform/auth-hook.ts';
import type { AppContext } from '../../../platform/context.ts';
import { errorResponses } from '../../../platform/http.ts';
import { recordAntigenSelfTest } from './antigen.ts';
import { AntigenInput, AntigenRecorded, Board, BoardQuery, FollowUpTask, MemberOutcome, ResultInput, RetestInput, TasksQuery } from './follow-up.schemas.ts';
import { followUpBoard, listTasks, recordElsewhereResult, recordRetest } from './follow-ups.ts';

const MemberParams = Type.Object({ id: Type.String({ format: 'uuid' }), personId: Type.String({ format: 'uuid' }) });
const conflict = { 409: errorResponses[400] };
const tags = ['follow-ups'];

/** Positive-pool follow-up (追阳): the board, the grid workers' door-to-door tasks, re-tests; antigen self-tests. */
export const followUpRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/follow-ups',
      {
        config: { permission: 'follow_ups:read' },
        schema: { tags, description: 'Follow-ups in the caller’s subtree, oldest first, with clocks, escalation level and progress; and the daily clearance of a day (UTC+8).', querystring: BoardQuery, response: { 200: Board, ...errorResponses } },
      },
      async (req) => followUpBoard(ctx, { actor: staffOf(req), ...req.query }),
    );
    app.get(
      '/api/follow-ups/tasks',
      {
        config: { permission: 'follow_ups:read' },
        schema: { tags, description: 'The door-to-door list: members of open follow-ups in the caller’s grid or subtree (ID and phone masked).', querystring: TasksQuery, response: { 200: Type.Object({ items: Type.Array(FollowUpTask), total: Type.Integer() }), ...errorResponses } },
      },
      async (req) => listTasks(ctx, { actor: staffOf(req), status: req.query.status }),
    );
    app.post(
      '/api/follow-ups/:id/members/:personId/retest',
      {
        config: { permission: 'follow_ups:write' },
        schema: { tags, description: 'Records the single-sample re-test taken at the door: a one-person tube with the barcode; the member becomes retest_sampled. Audited.', params: MemberParams, body: RetestInput, response: { 201: MemberOutcome, ...errorResponses, ...conflict } },
      },
      async (req, reply) => reply.status(201).send(await recordRetest(ctx, { actor: staffOf(req), followUpId: req.params.id, personId: req.params.personId, input: req.body })),
    );
    app.post(
      '/api/follow-ups/:id/members/:personId/result',
      {
        config: { permission: 'follow_ups:write' },
        schema: { tags, description: 'The result of a re-test done elsewhere: closes the member (and the follow-up with its last member), ends pending_retest, records positive_result if positive. Audited.', params: MemberParams, body: ResultInput, response: { 200: MemberOutcome, ...errorResponses, ...conflict } },
      },
      async (req) => recordElsewhereResult(ctx, { actor: staffOf(req), followUpId: req.params.id, personId: req.params.personId, input: req.body }),
    );
    app.post(
      '/api/citizen/antigen',
      {
        config: { citizen: true },
        schema: { tags: ['citizen'], description: 'A citizen reports an antigen self-test for one of their people; a positive one turns the code yellow pending a NAT and puts the person on the grid worker’s task list.', body: AntigenInput, response: { 201: AntigenRecorded, ...errorResponses } },
      },
      async (req, reply) => reply.status(201).send(await recordAntigenSelfTest(ctx, { actor: req.actor!, input: req.body })),
    );
  };
