import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError, validationError } from '../../http/errors.js';
import { markIntakeTriaged } from '../intake/intake.service.js';

/**
 * Marks an intake request as opened as, or attached to, a case, in the
 * caller's transaction (the intake module audits it). An unknown request is
 * bad input of this route: VALIDATION_FAILED naming `intakeId`.
 */
export async function triageIntakeInto(
  trx: Kysely<Database>,
  intakeId: string,
  change: { status: 'opened' | 'attached'; caseId: string; actorId: string; at: string },
): Promise<void> {
  try {
    await markIntakeTriaged(trx, intakeId, change);
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') {
      throw validationError([{ path: 'intakeId', message: 'there is no such intake request' }]);
    }
    throw error;
  }
}
