import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requirePermission } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import { errorResponses } from '../../platform/http.ts';
import { AuditPage, AuditQuery, AuditVerification } from './audit.schemas.ts';
import { searchAudit } from './search-audit.ts';
import { verifyAuditTrail } from './verify-audit.ts';

export const auditRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/audit',
      { config: { permission: 'audit:read' }, schema: { tags: ['audit'], querystring: AuditQuery, response: { 200: AuditPage, ...errorResponses } } },
      async (req) => searchAudit(ctx, { actor: req.actor!, query: req.query }),
    );
    app.get(
      '/api/audit/verify',
      {
        config: { permission: 'audit:read' },
        schema: {
          tags: ['audit'],
          response: { 200: AuditVerification, ...errorResponses },
        },
      },
      async (req) => {
        requirePermission(req.actor!, 'audit:read');
        return verifyAuditTrail(ctx.db);
      },
    );
  };
