import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { authRoutes } from './modules/accounts/auth.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { healthCodeRoutes } from './modules/health-codes/health-codes.routes.ts';
import { healthCodeTokenRoutes } from './modules/health-codes/health-code-token.routes.ts';
import { jurisdictionRoutes } from './modules/jurisdictions/jurisdictions.routes.ts';
import { importRoutes } from './modules/people/imports.routes.ts';
import { peopleRoutes } from './modules/people/people.routes.ts';
import { venuePosterRoutes } from './modules/venues/venue-poster.routes.ts';
import { passCheckRoutes } from './modules/venues/pass-checks.routes.ts';
import { samplingRoutes } from './modules/testing/sampling/sampling.routes.ts';
import { testResultRoutes } from './modules/testing/test-results.routes.ts';
import { followUpRoutes } from './modules/testing/follow-up/follow-up.routes.ts';
import { coverageRoutes } from './modules/testing/coverage/coverage.routes.ts';
import { labResultRoutes } from './modules/testing/results/results.routes.ts';
import { testScheduleRoutes } from './modules/testing/schedules/schedules.routes.ts';
import { venuesRoutes } from './modules/venues/venues.routes.ts';
import { caseRoutes } from './modules/cases/cases.routes.ts';
import { investigationRoutes } from './modules/cases/investigations.routes.ts';
import { reportRoutes } from './modules/cases/reports.routes.ts';
import { chainRoutes } from './modules/cases/chains.routes.ts';
import { indicatorRoutes } from './modules/cases/indicators.routes.ts';
import { traceRoutes } from './modules/cases/trace.routes.ts';
import { registerAuth } from './platform/auth-hook.ts';
import type { AppContext } from './platform/context.ts';
import { ErrorBody, registerErrorHandler } from './platform/http.ts';

const WEB_DIST = fileURLToPath(new URL('../web/dist', import.meta.url));

/** Builds the HTTP application from the modules' routes. Listening is the caller's business. */
export async function buildApp(ctx: AppContext, opts: { serveWeb?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    trustProxy: true,
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addSchema(ErrorBody);
  // CSV imports are streamed: the route gets the raw request stream, not a buffered body.
  app.addContentTypeParser(['text/csv', 'application/csv', 'application/octet-stream'], (_req, payload, done) => done(null, payload));

  app.addHook('onRoute', (route) => {
    // The web app's files and the API docs are public; everything else under /api/ must declare access.
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) route.config = { ...(route.config as object), public: true };
  });

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Ant Design injects its styles at run time; scripts stay strictly same-origin.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
      },
    },
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Yipan API', version: '0.1.0', description: 'Epidemic prevention-and-control command platform' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'yipan_session' }, bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ session: [] }, { bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

  registerAuth(app, ctx);
  registerErrorHandler(app);

  app.get(
    '/api/health',
    { config: { public: true }, schema: { tags: ['platform'], response: { 200: Type.Object({ status: Type.Literal('ok'), database: Type.String() }) } } },
    async () => {
      await ctx.database.query('select 1');
      return { status: 'ok' as const, database: ctx.database.kind };
    },
  );
  await app.register(authRoutes(ctx));
  await app.register(jurisdictionRoutes(ctx));
  await app.register(peopleRoutes(ctx));
  await app.register(importRoutes(ctx));
  await app.register(auditRoutes(ctx));
  await app.register(venuesRoutes(ctx));
  await app.register(passCheckRoutes(ctx));
  await app.register(testResultRoutes(ctx));
  await app.register(followUpRoutes(ctx));
  await app.register(coverageRoutes(ctx));
  await app.register(labResultRoutes(ctx));
  await app.register(healthCodeRoutes(ctx));
  await app.register(healthCodeTokenRoutes(ctx));
  await app.register(venuePosterRoutes(ctx));
  await app.register(samplingRoutes(ctx));
  await app.register(testScheduleRoutes(ctx));
  await app.register(caseRoutes(ctx));
  await app.register(investigationRoutes(ctx));
  await app.register(reportRoutes(ctx));
  await app.register(chainRoutes(ctx));
  await app.register(indicatorRoutes(ctx));
  await app.register(traceRoutes(ctx));

  if (opts.serveWeb !== false && existsSync(WEB_DIST)) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: false });
    // Client-side routes: any non-API GET that is not a file gets the app shell.
    app.get('/*', { config: { public: true }, schema: { hide: true } }, async (req, reply) => {
      if (req.url.startsWith('/api/')) return reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No route GET ${req.url.split('?')[0]}` } });
      return reply.sendFile('index.html');
    });
  }
  return app;
}
