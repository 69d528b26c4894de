import { z } from 'zod';
import {
  type PASSWORD_MAX_LENGTH as SHARED_PASSWORD_MAX,
  type PASSWORD_MIN_LENGTH as SHARED_PASSWORD_MIN,
} from '../../../shared/accounts.schema.js';
import { type PASSWORD_MAX_LENGTH, type PASSWORD_MIN_LENGTH } from '../../auth/passwords.js';

// The schemas live in src/shared so the web app reads the same ones.
export {
  USERNAME,
  PASSWORD,
  meSchema,
  sessionStateSchema,
  loginBody,
  setupStatusSchema,
  setupBody,
  totpEnrolmentSchema,
  codeBody,
  recoveryCodesSchema,
  totpConfirmSchema,
  mySessionsSchema,
  passwordBody,
} from '../../../shared/accounts.schema.js';

// The password rules (auth/passwords.ts) and the limits the web app shows must agree; this fails to compile if not.
export const passwordLimitsAgree: [typeof PASSWORD_MIN_LENGTH, typeof PASSWORD_MAX_LENGTH] extends [
  typeof SHARED_PASSWORD_MIN,
  typeof SHARED_PASSWORD_MAX,
]
  ? true
  : never = true;

export const sessionIdParams = z.object({ sessionId: z.uuid() });

export const empty = z.undefined();
