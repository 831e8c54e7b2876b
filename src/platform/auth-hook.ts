import type { FastifyInstance, FastifyRequest } from 'fastify';
import { resolveSession, SESSION_COOKIE } from '../modules/accounts/sessions.ts';
import { type Actor, hasPermission, type Permission } from './access.ts';
import type { AppContext } from './context.ts';
import { AppError } from './errors.ts';

/**
 * What a route needs, declared in its `config`. A route that declares nothing is refused:
 * deny by default.
 */
export interface RouteAccess {
  /** Open to anyone (health check, sign-in). */
  public?: boolean;
  /** Any signed-in staff member or citizen (sign-out, who am I). */
  signedIn?: boolean;
  /** Signed-in citizens only. */
  citizen?: boolean;
  /** Staff holding this permission. */
  permission?: Permission;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken: string | null;
    sessionToken: string | null;
  }
  interface FastifyContextConfig extends RouteAccess {}
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function bearer(request: FastifyRequest): string | undefined {
  const h = request.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : undefined;
}

export function registerAuth(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('sessionToken', null);

  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config as RouteAccess;
    const viaBearer = bearer(request);
    const token = viaBearer ?? request.cookies[SESSION_COOKIE];
    if (token) {
      const session = await resolveSession(ctx.db, token, request.ip, ctx.clock.now());
      if (session) {
        request.actor = session.actor;
        request.csrfToken = session.csrfToken;
        request.sessionToken = token;
      }
    }
    if (!request.routeOptions.url) return; // unknown route: the 404 handler answers
    if (config.public) return;
    if (!request.actor) throw new AppError('UNAUTHENTICATED', 'Sign in first');
    // A cookie is sent by the browser on its own; a write must also prove it came from our page.
    if (!viaBearer && !SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== request.csrfToken) {
      throw new AppError('CSRF', 'Missing or wrong x-csrf-token header');
    }
    if (config.signedIn) return;
    if (config.citizen) {
      if (request.actor.kind !== 'citizen') throw new AppError('FORBIDDEN', 'Citizen sign-in required');
      return;
    }
    if (config.permission) {
      if (request.actor.kind !== 'staff') throw new AppError('FORBIDDEN', 'Staff sign-in required');
      if (!hasPermission(request.actor.role, config.permission)) {
        throw new AppError('FORBIDDEN', `Your role (${request.actor.role}) lacks ${config.permission}`);
      }
      return;
    }
    throw new AppError('FORBIDDEN', 'This route declares no access rule');
  });
}

/** The staff actor of a request whose route declared a permission (checked by the hook). */
export function staffOf(request: FastifyRequest) {
  if (request.actor?.kind !== 'staff') throw new AppError('FORBIDDEN', 'Staff sign-in required');
  return request.actor;
}
