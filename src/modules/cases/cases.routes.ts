import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { staffOf } from '../../platform/auth-hook.ts';
import type { AppContext } from '../../platform/context.ts';
import { errorResponses } from '../../platform/http.ts';
import { changeCase, createCase, getCase, listCases } from './cases.ts';
import {
  CaseChange,
  CaseDetail,
  CasePage,
  CaseParams,
  CasesQuery,
  CaseSummary,
  ContactIds,
  ContactPage,
  ContactsQuery,
  Decided,
  DismissInput,
  EntryParams,
  FindInput,
  Found,
  ManualContact,
  NewCase,
  Prefilled,
  Trajectory,
  TrajectoryChange,
  TrajectoryInput,
} from './cases.schemas.ts';
import { addManualContact, confirmContacts, dismissContacts, listContacts, matchContact } from './contacts.ts';
import { findContacts } from './find-contacts.ts';
import { addEntry, changeEntry, getTrajectory, prefillTrajectory, removeEntry } from './trajectory.ts';

const conflict = { 409: errorResponses[400] };
const ContactParams = Type.Object({ id: Type.String({ format: 'uuid' }), contactId: Type.String({ format: 'uuid' }) });

/** Cases, their trajectories and their contacts. */
export const caseRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    const tags = ['cases'];
    app.get('/api/cases', { config: { permission: 'cases:read' }, schema: { tags, description: 'Cases in the caller’s subtree, newest first, filtered and paged on the server.', querystring: CasesQuery, response: { 200: CasePage, ...errorResponses } } }, async (req) =>
      listCases(ctx, { actor: staffOf(req), ...req.query }),
    );
    app.post(
      '/api/cases',
      { config: { permission: 'cases:write' }, schema: { tags, description: 'Opens a case by hand (a clinical diagnosis, a case reported by another city), with its investigation. Positive lab results open cases by themselves. Audited.', body: NewCase, response: { 201: CaseSummary, ...errorResponses, ...conflict } } },
      async (req, reply) => reply.status(201).send(await createCase(ctx, { actor: staffOf(req), input: req.body })),
    );
    app.get('/api/cases/:id', { config: { permission: 'cases:read' }, schema: { tags, description: 'A case with its history, exposure window, contact counts, tracing clocks and transmission links.', params: CaseParams, response: { 200: CaseDetail, ...errorResponses } } }, async (req) =>
      getCase(ctx, { actor: staffOf(req), id: req.params.id }),
    );
    app.patch(
      '/api/cases/:id',
      { config: { permission: 'cases:write' }, schema: { tags, description: 'Reclassification, severity, outcome, origin, onset date, isolation time: each change is kept in the case history and audited; the health code follows.', params: CaseParams, body: CaseChange, response: { 200: CaseDetail, ...errorResponses } } },
      async (req) => changeCase(ctx, { actor: staffOf(req), id: req.params.id, input: req.body }),
    );

    const ttags = ['trajectory'];
    app.get('/api/cases/:id/trajectory', { config: { permission: 'cases:read' }, schema: { tags: ttags, description: 'The case’s trajectory with its exposure window.', params: CaseParams, response: { 200: Trajectory, ...errorResponses } } }, async (req) =>
      getTrajectory(ctx, { actor: staffOf(req), caseId: req.params.id }),
    );
    app.post(
      '/api/cases/:id/trajectory/prefill',
      { config: { permission: 'cases:write' }, schema: { tags: ttags, description: 'Adds the case’s venue scans inside the exposure window that are not on the trajectory yet.', params: CaseParams, response: { 200: Prefilled, ...errorResponses } } },
      async (req) => prefillTrajectory(ctx, { actor: staffOf(req), caseId: req.params.id }),
    );
    app.post(
      '/api/cases/:id/trajectory',
      { config: { permission: 'cases:write' }, schema: { tags: ttags, description: 'Adds an entry: a venue by code, a place without one, transport, a workplace. Audited.', params: CaseParams, body: TrajectoryInput, response: { 201: Trajectory, ...errorResponses } } },
      async (req, reply) => reply.status(201).send(await addEntry(ctx, { actor: staffOf(req), caseId: req.params.id, input: req.body })),
    );
    app.patch(
      '/api/cases/:id/trajectory/:entryId',
      { config: { permission: 'cases:write' }, schema: { tags: ttags, description: 'Corrects an entry. Audited.', params: EntryParams, body: TrajectoryChange, response: { 200: Trajectory, ...errorResponses } } },
      async (req) => changeEntry(ctx, { actor: staffOf(req), caseId: req.params.id, entryId: req.params.entryId, input: req.body }),
    );
    app.delete(
      '/api/cases/:id/trajectory/:entryId',
      { config: { permission: 'cases:write' }, schema: { tags: ttags, description: 'Removes an entry (kept with its removal time). Audited.', params: EntryParams, response: { 200: Trajectory, ...errorResponses, ...conflict } } },
      async (req) => removeEntry(ctx, { actor: staffOf(req), caseId: req.params.id, entryId: req.params.entryId }),
    );

    const ctags = ['contacts'];
    app.get(
      '/api/cases/:id/contacts',
      { config: { permission: 'cases:read' }, schema: { tags: ctags, description: 'The case’s contacts and candidates with their evidence (ID and phone masked).', params: CaseParams, querystring: ContactsQuery, response: { 200: ContactPage, ...errorResponses } } },
      async (req) => listContacts(ctx, { actor: staffOf(req), caseId: req.params.id, ...req.query }),
    );
    app.post(
      '/api/cases/:id/contacts/find',
      { config: { permission: 'cases:write' }, schema: { tags: ctags, description: 'Finds close contact candidates: the household, and co-location (± windowMinutes, default 30) at the trajectory’s venues during the exposure window. De-duplicated against the list. Audited.', params: CaseParams, body: FindInput, response: { 200: Found, ...errorResponses } } },
      async (req) => findContacts(ctx, { actor: staffOf(req), caseId: req.params.id, degree: 'close', windowMinutes: req.body.windowMinutes }),
    );
    app.post(
      '/api/cases/:id/contacts/find-secondary',
      { config: { permission: 'cases:write' }, schema: { tags: ctags, description: 'Finds secondary contact candidates from each confirmed close contact’s household and co-locations after their contact (never from a secondary contact). Audited.', params: CaseParams, body: FindInput, response: { 200: Found, ...errorResponses } } },
      async (req) => findContacts(ctx, { actor: staffOf(req), caseId: req.params.id, degree: 'secondary', windowMinutes: req.body.windowMinutes }),
    );
    app.post(
      '/api/cases/:id/contacts',
      { config: { permission: 'cases:write' }, schema: { tags: ctags, description: 'Adds a contact by hand: a registered person, or an ID number matched against the registry (kept unmatched if not registered yet). Audited.', params: CaseParams, body: ManualContact, response: { 201: Type.Object({ id: Type.String(), matched: Type.Boolean() }), ...errorResponses, ...conflict } } },
      async (req, reply) => reply.status(201).send(await addManualContact(ctx, { actor: staffOf(req), caseId: req.params.id, input: req.body })),
    );
    app.post(
      '/api/cases/:id/contacts/confirm',
      { config: { permission: 'cases:write' }, schema: { tags: ctags, description: 'Confirms candidates in bulk: each gets its control measure from the policy, the health fact (red or yellow code) and a hand-over to quarantine. Audited.', params: CaseParams, body: ContactIds, response: { 200: Decided, ...errorResponses } } },
      async (req) => confirmContacts(ctx, { actor: staffOf(req), caseId: req.params.id, input: req.body }),
    );
    app.post(
      '/api/cases/:id/contacts/dismiss',
      { config: { permission: 'cases:write' }, schema: { tags: ctags, description: 'Dismisses candidates (or withdraws confirmed contacts: their fact ends, their hand-over is cancelled), with a reason. Audited.', params: CaseParams, body: DismissInput, response: { 200: Decided, ...errorResponses } } },
      async (req) => dismissContacts(ctx, { actor: staffOf(req), caseId: req.params.id, input: req.body }),
    );
    app.post(
      '/api/cases/:id/contacts/:contactId/match',
      { config: { permission: 'cases:write' }, schema: { tags: ctags, description: 'Matches an unmatched candidate against the registry again.', params: ContactParams, response: { 200: Type.Object({ matched: Type.Boolean() }), ...errorResponses } } },
      async (req) => matchContact(ctx, { actor: staffOf(req), caseId: req.params.id, contactId: req.params.contactId }),
    );
  };
