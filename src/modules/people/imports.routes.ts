import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { and, asc, eq } from 'drizzle-orm';
import { Type } from 'typebox';
import { csvLine } from '../../db/csv.ts';
import { staffOf } from '../../platform/auth-hook.ts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { errorResponses } from '../../platform/http.ts';
import { importRejections, imports } from './people.table.ts';

const ImportStatus = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  status: Type.String(),
  fileName: Type.Union([Type.String(), Type.Null()]),
  processed: Type.Integer(),
  imported: Type.Integer(),
  updated: Type.Integer(),
  rejected: Type.Integer(),
  startedAt: Type.String(),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
});

/** An import is visible to the account that ran it (progress of a long import, its rejections). */
export const importRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    const own = async (accountId: string, id: string) => {
      const [job] = await ctx.db.select().from(imports).where(and(eq(imports.id, id), eq(imports.accountId, accountId)));
      if (!job) throw notFound('Import');
      return job;
    };
    app.get(
      '/api/imports/:id',
      { config: { signedIn: true }, schema: { tags: ['imports'], params: Type.Object({ id: Type.String({ format: 'uuid' }) }), response: { 200: ImportStatus, ...errorResponses } } },
      async (req) => {
        const job = await own(staffOf(req).id, req.params.id);
        return { ...job, startedAt: job.startedAt.toISOString(), finishedAt: job.finishedAt?.toISOString() ?? null };
      },
    );
    app.get(
      '/api/imports/:id/rejections.csv',
      { config: { signedIn: true }, schema: { tags: ['imports'], params: Type.Object({ id: Type.String({ format: 'uuid' }) }), produces: ['text/csv'] } },
      async (req, reply) => {
        const job = await own(staffOf(req).id, req.params.id);
        const rows = await ctx.db.select().from(importRejections).where(eq(importRejections.importId, job.id)).orderBy(asc(importRejections.line));
        reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="rejections-${job.id}.csv"`);
        return '\ufeffline,column,reason\n' + rows.map((r) => csvLine([r.line, r.column, r.reason])).join('');
      },
    );
  };
