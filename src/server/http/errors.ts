import type { FastifyReply } from 'fastify';
import {
  ERROR_CATALOGUE,
  errorBodySchema,
  type ErrorBody,
  type ErrorCode,
  type FieldReason,
} from '../../shared/errors.js';

export interface FieldProblem {
  path: string;
  message: string;
  /** Left out by services whose rule `message` explains; sent as `invalid`. */
  reason?: FieldReason;
  limit?: number;
}

/**
 * An error that the API answers with as it is: a catalogue code, a message
 * safe to show, and for validation the fields at fault. Anything thrown that
 * is not an AppError becomes INTERNAL_ERROR with a generic message.
 */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_CATALOGUE[code].message,
    readonly fields?: FieldProblem[],
  ) {
    super(message);
    this.name = 'AppError';
    this.status = ERROR_CATALOGUE[code].status;
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.fields === undefined
          ? {}
          : {
              fields: this.fields.map(({ path, message, reason, limit }) => ({
                path,
                message,
                reason: reason ?? 'invalid',
                ...(limit === undefined ? {} : { limit }),
              })),
            }),
      },
    };
  }
}

export function validationError(fields: FieldProblem[]): AppError {
  const message =
    fields.length === 1 && fields[0] !== undefined
      ? `Invalid ${fields[0].path}: ${fields[0].message}`
      : `Invalid fields: ${fields.map((f) => f.path).join(', ')}`;
  return new AppError('VALIDATION_FAILED', message, fields);
}

const INTERNAL_BODY: ErrorBody = new AppError('INTERNAL_ERROR').toBody();

/**
 * The one place an error answer is written. The body is checked against the
 * shared schema the web client parses, so a body that would not parse there is
 * never sent (it becomes INTERNAL_ERROR, which is logged).
 */
export function sendError(reply: FastifyReply, error: AppError): FastifyReply {
  const checked = errorBodySchema.safeParse(error.toBody());
  if (!checked.success) reply.log.error({ code: error.code }, 'error body failed its schema');
  return reply
    .code(checked.success ? error.status : ERROR_CATALOGUE.INTERNAL_ERROR.status)
    .type('application/json; charset=utf-8')
    .send(checked.success ? checked.data : INTERNAL_BODY);
}
