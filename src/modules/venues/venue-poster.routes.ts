import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { staffOf } from '../../platform/auth-hook.ts';
import type { AppContext } from '../../platform/context.ts';
import { errorResponses } from '../../platform/http.ts';
import { venuePosterPdf, venuePosterPng } from './venue-poster.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const binary = (mediaType: string, description: string) => ({ description, content: { [mediaType]: { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) } } });

export const venuePosterRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    const tags = ['venues'];
    app.get(
      '/api/venues/:id/poster.pdf',
      {
        config: { permission: 'venues:read' },
        schema: { tags, description: 'A printable A4 venue-code poster: name, type, address and a QR code reading yipan:venue:<code>.', params: IdParams, response: { 200: binary('application/pdf', 'A4 poster'), ...errorResponses } },
      },
      async (req, reply) => {
        const pdf = await venuePosterPdf(ctx, { actor: staffOf(req), venueId: req.params.id });
        return reply.header('content-disposition', 'inline; filename="venue-poster.pdf"').type('application/pdf').send(pdf);
      },
    );
    app.get(
      '/api/venues/:id/poster.png',
      {
        config: { permission: 'venues:read' },
        schema: { tags, description: 'The venue QR code (yipan:venue:<code>) as a large PNG with a quiet zone, for screens and sharing.', params: IdParams, response: { 200: binary('image/png', 'venue QR code'), ...errorResponses } },
      },
      async (req, reply) => {
        const png = await venuePosterPng(ctx, { actor: staffOf(req), venueId: req.params.id });
        return reply.header('content-disposition', 'inline; filename="venue-poster.png"').type('image/png').send(png);
      },
    );
  };
