import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { staffOf } from '../../platform/auth-hook.ts';
import type { AppContext } from '../../platform/context.ts';
import { errorResponses } from '../../platform/http.ts';
import { MAX_CASES, MAX_CONTACTS, MAX_RANGE_DAYS, addLink, changeLink, transmissionChains } from './chains.ts';
import { ChainGraph, ChainsQuery, LinkChange, LinkParams, LinkView, NewLink } from './chains.schemas.ts';
import { CaseParams } from './cases.schemas.ts';

const conflict = { 409: errorResponses[400] };
const tags = ['tracing'];

/** Transmission chains (传播链): the graph of cases and contacts, and the investigators' infector links. */
export const chainRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/chains',
      {
        config: { permission: 'cases:read' },
        schema: {
          tags,
          description: `Cases of the caller’s subtree (or a node of it) reported in [since, until] (city days, at most ${MAX_RANGE_DAYS}; default the last 14), the links and contact relations among them, and clusters (connected components over links not rejected and confirmed close contacts between cases; id = earliest case number). With includeContacts, the confirmed contacts as leaf nodes with masked names. At most ${MAX_CASES} cases and ${MAX_CONTACTS} contacts: truncated says when cut.`,
          querystring: ChainsQuery,
          response: { 200: ChainGraph, ...errorResponses },
        },
      },
      async (req) => transmissionChains(ctx, { actor: staffOf(req), ...req.query }),
    );
    app.post(
      '/api/cases/:id/links',
      {
        config: { permission: 'cases:write' },
        schema: {
          tags,
          description: 'Records that infectorCaseId infected this case: a new link is confirmed (201); an existing suggested or rejected one of the pair is confirmed with this evidence (200). Both cases in the caller’s subtree; a self-link is 400; a link the infectee already leads back to (B→A when adding A→B, or a longer loop) is 409. Audited.',
          params: CaseParams,
          body: NewLink,
          response: { 200: LinkView, 201: LinkView, ...errorResponses, ...conflict },
        },
      },
      async (req, reply) => {
        const { link, created } = await addLink(ctx, { actor: staffOf(req), infecteeCaseId: req.params.id, input: req.body });
        return reply.status(created ? 201 : 200).send(link);
      },
    );
    app.patch(
      '/api/links/:linkId',
      {
        config: { permission: 'cases:write' },
        schema: {
          tags,
          description: 'Confirms or rejects a transmission link (both cases in the caller’s subtree, else 404). Confirming one that would close a loop is 409. Audited, with the note as the reason.',
          params: LinkParams,
          body: LinkChange,
          response: { 200: LinkView, ...errorResponses, ...conflict },
        },
      },
      async (req) => changeLink(ctx, { actor: staffOf(req), linkId: req.params.linkId, input: req.body }),
    );
  };
