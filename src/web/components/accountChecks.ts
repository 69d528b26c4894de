import { z } from 'zod';
import {
  PASSWORD,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  codeBody,
  loginBody,
} from '../../shared/accounts.schema.js';

/** What the messages under `password.` interpolate. */
export const PASSWORD_LIMITS = { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH };

/**
 * The server's password field with the checks a browser can make before
 * sending it: length in code points, as people count characters. Whether it
 * is on the common-password list only the server knows. Messages are keys
 * under `password.` (useSchemaForm words them).
 */
export const newPassword = PASSWORD.superRefine((value, context) => {
  const length = Array.from(value).length;
  const problem =
    length === 0
      ? 'required'
      : length < PASSWORD_MIN_LENGTH
        ? 'tooShort'
        : length > PASSWORD_MAX_LENGTH
          ? 'tooLong'
          : undefined;
  if (problem !== undefined) context.addIssue({ code: 'custom', message: `password.${problem}` });
});

/** The refinement a form with a repeat of its new password adds: the two must match. */
export const REPEAT_MISMATCH = { path: ['repeat'], message: 'password.mismatch' };

/** A code as people type it, with spaces and in capitals at times; the server wants it bare. */
const bare = (typed: string): string => typed.replace(/\s+/g, '').toLowerCase();

/** A code from the authenticator app (or a recovery code), as typed, checked by the server's rule. */
export const typedCode = z.string().transform(bare).pipe(codeBody.shape.code);

/** Sign-in: the server's body, the username trimmed, the code bare or left out. */
export const loginForm = loginBody.extend({
  username: z.string().trim().pipe(loginBody.shape.username),
  code: z
    .string()
    .transform((typed) => bare(typed) || undefined)
    .pipe(loginBody.shape.code),
});
