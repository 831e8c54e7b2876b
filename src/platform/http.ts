import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError, ERROR_STATUS, type ErrorCode } from './errors.ts';

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      field: Type.Optional(Type.String()),
    }),
  },
  { $id: 'Error' },
);

/** The error answers every protected route can give, for its OpenAPI description. */
export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
} as const;

function send(reply: FastifyReply, code: ErrorCode, message: string, field?: string) {
  return reply.status(ERROR_STATUS[code]).send({ error: { code, message, ...(field ? { field } : {}) } });
}

/** Turns schema validation output into a message that names the field. */
function validationMessage(err: FastifyError): { message: string; field?: string } {
  const first = err.validation?.[0];
  if (!first) return { message: err.message };
  const params = first.params as Record<string, unknown>;
  const path = (first.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const missing = params?.missingProperty ?? params?.requiredProperties;
  const field = [path, Array.isArray(missing) ? missing[0] : missing].filter(Boolean).join('.') || undefined;
  const where = err.validationContext ?? 'body';
  const what = missing ? 'is required' : first.message;
  return { message: `${where}${field ? `.${field}` : ''} ${what}`, field };
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof AppError) return send(reply, err.code, err.message, err.field);
    if (err.validation) {
      const { message, field } = validationMessage(err);
      return send(reply, 'VALIDATION', message, field);
    }
    const status = err.statusCode ?? 500;
    if (status === 413) return send(reply, 'PAYLOAD_TOO_LARGE', 'Request body is too large');
    if (status === 415) return send(reply, 'UNSUPPORTED_MEDIA_TYPE', err.message);
    if (status === 429) return send(reply, 'RATE_LIMITED', err.message);
    if (status >= 400 && status < 500) return send(reply, 'VALIDATION', err.message);
    // Unexpected: log it whole, answer nothing that could leak internals.
    request.log.error({ err }, 'unhandled error');
    return send(reply, 'INTERNAL', 'Internal error; it has been logged');
  });
  app.setNotFoundHandler((request, reply) => send(reply, 'NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`));
}
