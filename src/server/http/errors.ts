import { ERROR_CATALOGUE, type ErrorBody, type ErrorCode } from '../../shared/errors.js';

export interface FieldProblem {
  path: string;
  message: string;
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
        ...(this.fields === undefined ? {} : { fields: this.fields }),
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
