import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  USERNAME_MAX_LENGTH,
  USERNAME_MIN_LENGTH,
  USERNAME_PATTERN,
} from '../api/accounts.js';

/** A key under `password.` in the messages. */
export type PasswordProblem = 'tooShort' | 'tooLong' | 'mismatch' | 'required';

/**
 * The checks a browser can make on a new password before sending it: length
 * and a matching repeat. Whether it is on the common-password list only the
 * server knows.
 */
export function checkNewPassword(
  password: string,
  repeat: string,
): { password?: PasswordProblem; repeat?: PasswordProblem } {
  // Length in code points, as people count characters, not UTF-16 units.
  const length = Array.from(password).length;
  if (length === 0) return { password: 'required' };
  if (length < PASSWORD_MIN_LENGTH) return { password: 'tooShort' };
  if (length > PASSWORD_MAX_LENGTH) return { password: 'tooLong' };
  if (repeat !== password) return { repeat: 'mismatch' };
  return {};
}

/** A key under `username.` in the messages. */
export type UsernameProblem = 'required' | 'length' | 'characters';

/** The server's username rule (3 to 64 letters, digits, dots, dashes, underscores), checked before sending. */
export function checkUsername(username: string): UsernameProblem | undefined {
  const trimmed = username.trim();
  if (trimmed === '') return 'required';
  const length = Array.from(trimmed).length;
  if (length < USERNAME_MIN_LENGTH || length > USERNAME_MAX_LENGTH) return 'length';
  if (!USERNAME_PATTERN.test(trimmed)) return 'characters';
  return undefined;
}
