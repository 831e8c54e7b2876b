import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { errorResponses, ErrorBody } from '../../platform/http.ts';
import { RateLimiter } from '../../platform/rate-limit.ts';
import { citizenLogin, sendCitizenCode } from './citizen-sign-in.ts';
import { AccountsQuery, Account, LoginRequest, Me, NewAccount } from './accounts.schemas.ts';
import { login } from './login.ts';
import { createAccount, listAccounts, whoAmI } from './manage-accounts.ts';
import { destroySession, SESSION_COOKIE, type NewSession } from './sessions.ts';

const rateErrors = { 401: ErrorBody, 423: ErrorBody, 429: ErrorBody, 400: ErrorBody };

export const authRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    // Per source address: slows password guessing across many accounts; the per-account lockout
    // in login() stops guessing one account.
    const loginLimiter = new RateLimiter(30, 60_000);
    const codeLimiter = new RateLimiter(5, 10 * 60_000);

    const setCookie = (reply: FastifyReply, s: NewSession) =>
      reply.setCookie(SESSION_COOKIE, s.token, { httpOnly: true, sameSite: 'lax', secure: ctx.config.secureCookies, path: '/', expires: s.expiresAt });

    app.post(
      '/api/auth/login',
      { config: { public: true }, schema: { tags: ['auth'], body: LoginRequest, response: { 200: Me, ...rateErrors } } },
      async (req, reply) => {
        if (!loginLimiter.take(req.ip)) throw new AppError('RATE_LIMITED', 'Too many sign-in attempts from this address; wait a minute');
        const session = await login(ctx, { ...req.body, ip: req.ip });
        setCookie(reply, session);
        return whoAmI(ctx, { accountId: session.accountId }, session.csrfToken);
      },
    );
    app.get(
      '/api/auth/me',
      { config: { signedIn: true }, schema: { tags: ['auth'], response: { 200: Me, ...errorResponses } } },
      async (req) => {
        const actor = req.actor!;
        return whoAmI(ctx, actor.kind === 'citizen' ? { phone: actor.phone } : { accountId: actor.kind === 'staff' ? actor.id : '' }, req.csrfToken!);
      },
    );
    app.post(
      '/api/auth/logout',
      { config: { signedIn: true }, schema: { tags: ['auth'], response: { 204: Type.Null(), ...errorResponses } } },
      async (req, reply) => {
        await destroySession(ctx.db, req.sessionToken!);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );
    app.post(
      '/api/auth/citizen/code',
      {
        config: { public: true },
        schema: { tags: ['auth'], body: Type.Object({ phone: Type.String({ minLength: 5, maxLength: 20 }) }), response: { 200: Type.Object({ sent: Type.Boolean(), expiresInSeconds: Type.Integer() }), ...rateErrors } },
      },
      async (req) => {
        if (!codeLimiter.take(`${req.ip}:${req.body.phone}`)) throw new AppError('RATE_LIMITED', 'Too many codes requested; wait ten minutes');
        const { expiresInSeconds } = await sendCitizenCode(ctx, req.body);
        return { sent: true, expiresInSeconds };
      },
    );
    app.post(
      '/api/auth/citizen/login',
      {
        config: { public: true },
        schema: {
          tags: ['auth'],
          body: Type.Object({ phone: Type.String({ minLength: 5, maxLength: 20 }), code: Type.String({ pattern: '^\\s*\\d{6}\\s*$' }) }),
          response: { 200: Me, ...rateErrors },
        },
      },
      async (req, reply) => {
        if (!loginLimiter.take(req.ip)) throw new AppError('RATE_LIMITED', 'Too many sign-in attempts from this address; wait a minute');
        const session = await citizenLogin(ctx, { ...req.body, ip: req.ip });
        setCookie(reply, session);
        return whoAmI(ctx, { phone: session.phone }, session.csrfToken);
      },
    );
    app.get(
      '/api/accounts',
      { config: { permission: 'accounts:read' }, schema: { tags: ['accounts'], querystring: AccountsQuery, response: { 200: Type.Object({ items: Type.Array(Account), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() }), ...errorResponses } } },
      async (req) => listAccounts(ctx, { actor: req.actor!, ...req.query }),
    );
    app.post(
      '/api/accounts',
      { config: { permission: 'accounts:write' }, schema: { tags: ['accounts'], body: NewAccount, response: { 201: Account, ...errorResponses, 409: ErrorBody } } },
      async (req, reply) => reply.status(201).send(await createAccount(ctx, { actor: req.actor!, input: req.body })),
    );
  };
