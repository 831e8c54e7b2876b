import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { staffOf } from '../../platform/auth-hook.ts';
import type { AppContext } from '../../platform/context.ts';
import { errorResponses } from '../../platform/http.ts';
import { citizenHealthCode, printCodeCard, staffHealthCode, staffHealthCodePng, verifyForStaff } from './health-code-token.ts';
import { CitizenToken, Jwks, PersonToken, VerifyRequest, VerifyResult } from './health-code-token.schemas.ts';
import { publishedKeys, rotateSigningKey } from './signing-keys.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const binary = (mediaType: string, description: string) => ({ description, content: { [mediaType]: { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) } } });

export const healthCodeTokenRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    const tags = ['health-codes'];
    app.get(
      '/.well-known/jwks.json',
      {
        config: { public: true },
        // Public, not under /api/: hidden from the API document, whose protected routes are all checked to refuse anonymous callers.
        schema: { tags, description: 'The public keys that sign health-code tokens (Ed25519, RFC 8037), for verifiers in this and other cities.', response: { 200: Jwks } },
      },
      async (_req, reply) => {
        reply.header('cache-control', 'public, max-age=60');
        return { keys: await publishedKeys(ctx, ctx.clock.now()) };
      },
    );
    app.post(
      '/api/health-codes/verify',
      {
        config: { permission: 'health_codes:verify' },
        schema: {
          tags,
          description: 'Checks a scanned code. A rejected token answers 200 with valid: false and the reason; the person is named only within your jurisdiction.',
          body: VerifyRequest,
          response: { 200: VerifyResult, ...errorResponses },
        },
      },
      async (req) => verifyForStaff(ctx, { actor: staffOf(req), token: req.body.token }),
    );
    app.post(
      '/api/health-codes/keys/rotate',
      { config: { permission: 'health_codes:keys' }, schema: { tags, description: 'A new signing key; the old one keeps verifying until its tokens have expired.', response: { 200: Type.Object({ kid: Type.String() }), ...errorResponses } } },
      async (req) => rotateSigningKey(ctx, staffOf(req)),
    );
    app.get(
      '/api/citizen/health-code',
      {
        config: { citizen: true },
        schema: {
          tags: ['citizen'],
          description: 'A fresh dynamic code (valid 2 minutes) for a person registered with your phone.',
          querystring: Type.Object({ personId: Type.String({ format: 'uuid' }) }),
          response: { 200: CitizenToken, ...errorResponses },
        },
      },
      async (req, reply) => {
        reply.header('cache-control', 'no-store');
        return citizenHealthCode(ctx, { actor: req.actor!, personId: req.query.personId });
      },
    );
    app.get(
      '/api/people/:id/health-code',
      { config: { permission: 'health_codes:read' }, schema: { tags, params: IdParams, response: { 200: PersonToken, ...errorResponses } } },
      async (req, reply) => {
        reply.header('cache-control', 'no-store');
        return staffHealthCode(ctx, { actor: staffOf(req), personId: req.params.id });
      },
    );
    app.get(
      '/api/people/:id/health-code.png',
      { config: { permission: 'health_codes:read' }, schema: { tags, params: IdParams, response: { 200: binary('image/png', 'QR code of a fresh token'), ...errorResponses } } },
      async (req, reply) => {
        const png = await staffHealthCodePng(ctx, { actor: staffOf(req), personId: req.params.id });
        return reply.header('cache-control', 'no-store').type('image/png').send(png);
      },
    );
    app.get(
      '/api/people/:id/health-code-card.pdf',
      {
        config: { permission: 'health_codes:read' },
        schema: {
          tags,
          description: 'A printable A6 card with a code valid for 24 hours, for a resident without a smartphone. Audited.',
          params: IdParams,
         
          response: { 200: binary('application/pdf', 'A6 code card'), ...errorResponses },
        },
      },
      async (req, reply) => {
        const pdf = await printCodeCard(ctx, { actor: staffOf(req), personId: req.params.id });
        return reply.header('cache-control', 'no-store').header('content-disposition', 'inline; filename="health-code-card.pdf"').type('application/pdf').send(pdf);
      },
    );
  };
