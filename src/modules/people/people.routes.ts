import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { staffOf } from '../../platform/auth-hook.ts';
import type { AppContext } from '../../platform/context.ts';
import { ImportSummary } from '../../platform/csv-import.ts';
import { errorResponses } from '../../platform/http.ts';
import { findByPhone } from './people.repository.ts';
import { importPeople } from './import-people.ts';
import { NewPerson, PeoplePage, PeopleQuery, Person, PersonChanges, PersonDetail, RevealRequest, Revealed } from './people.schemas.ts';
import { revealPerson } from './reveal-person.ts';
import { createPerson, updatePerson } from './save-person.ts';
import { getPerson, searchPeople } from './search-people.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const peopleRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/people',
      { config: { permission: 'people:read' }, schema: { tags: ['people'], querystring: PeopleQuery, response: { 200: PeoplePage, ...errorResponses } } },
      async (req) => searchPeople(ctx, { actor: staffOf(req), ...req.query }),
    );
    app.get(
      '/api/people/:id',
      { config: { permission: 'people:read' }, schema: { tags: ['people'], params: IdParams, response: { 200: PersonDetail, ...errorResponses } } },
      async (req) => getPerson(ctx, { actor: staffOf(req), id: req.params.id }),
    );
    app.post(
      '/api/people',
      { config: { permission: 'people:write' }, schema: { tags: ['people'], body: NewPerson, response: { 201: Person, ...errorResponses, 409: errorResponses[400] } } },
      async (req, reply) => reply.status(201).send(await createPerson(ctx, { actor: staffOf(req), input: req.body })),
    );
    app.patch(
      '/api/people/:id',
      { config: { permission: 'people:write' }, schema: { tags: ['people'], params: IdParams, body: PersonChanges, response: { 200: Person, ...errorResponses } } },
      async (req) => updatePerson(ctx, { actor: staffOf(req), id: req.params.id, changes: req.body }),
    );
    app.post(
      '/api/people/:id/reveal',
      {
        config: { permission: 'people:reveal' },
        schema: { tags: ['people'], description: 'Full document number and phone; audited with the reason.', params: IdParams, body: RevealRequest, response: { 200: Revealed, ...errorResponses } },
      },
      async (req) => revealPerson(ctx, { actor: staffOf(req), id: req.params.id, reason: req.body.reason }),
    );
    app.post(
      '/api/people/import',
      {
        config: { permission: 'people:import' },
        schema: {
          tags: ['people'],
          description: 'CSV body (text/csv), streamed: id_number,name,phone[,document_type,unit_code,address,residency,groups]. See docs/csv-formats.md.',
          querystring: Type.Object({ fileName: Type.Optional(Type.String({ maxLength: 200 })) }),
          response: { 200: ImportSummary, ...errorResponses },
        },
      },
      async (req) => importPeople(ctx, { actor: staffOf(req), input: req.body as never, fileName: req.query.fileName }),
    );
    app.get(
      '/api/citizen/me',
      { config: { citizen: true }, schema: { tags: ['citizen'], response: { 200: Type.Object({ people: Type.Array(Person) }), ...errorResponses } } },
      async (req) => ({ people: req.actor?.kind === 'citizen' ? await findByPhone(ctx.db, req.actor.phone) : [] }),
    );
  };
