import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { staffOf } from '../../../platform/auth-hook.ts';
import type { AppContext } from '../../../platform/context.ts';
import { errorResponses } from '../../../platform/http.ts';
import { createTestSchedule, deactivateTestSchedule, listTestSchedules } from './schedules.ts';
import { NewTestSchedule, TestSchedule, TestSchedulesList, TestSchedulesQuery } from './schedules.schemas.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const withConflict = { ...errorResponses, 409: errorResponses[400] };
const tags = ['testing'];

/** Group test schedules: who must be tested how often; the hourly check-missed-tests job turns the late ones yellow. */
export const testScheduleRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/test-schedules',
      { config: { permission: 'coverage:read' }, schema: { tags, description: 'Schedules whose area lies in, or contains, your jurisdiction; active first.', querystring: TestSchedulesQuery, response: { 200: TestSchedulesList, ...errorResponses } } },
      async (req) => listTestSchedules(ctx, { actor: staffOf(req), ...req.query }),
    );
    app.post(
      '/api/test-schedules',
      {
        config: { permission: 'rounds:manage' },
        schema: {
          tags,
          description: 'A group (people.groups) under an area must take a test of this kind (nat or antigen) every 24, 48 or 72 h, counted from the later of the schedule’s creation and the person’s latest test. One active schedule per group, kind and area. Audited.',
          body: NewTestSchedule,
          response: { 201: TestSchedule, ...withConflict },
        },
      },
      async (req, reply) => reply.status(201).send(await createTestSchedule(ctx, { actor: staffOf(req), input: req.body })),
    );
    app.post(
      '/api/test-schedules/:id/deactivate',
      {
        config: { permission: 'rounds:manage' },
        schema: { tags, description: 'Stops the schedule and ends the missed-test facts it raised. Audited.', params: IdParams, response: { 200: TestSchedule, ...withConflict } },
      },
      async (req) => deactivateTestSchedule(ctx, { actor: staffOf(req), id: req.params.id }),
    );
  };
