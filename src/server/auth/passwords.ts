import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { secretChecks } from './checks.js';

/**
 * Argon2id with OWASP's minimum (19 MiB, two passes, one lane). Raising these
 * later is safe: every stored hash carries its own parameters.
 */
// `Algorithm` is an ambient const enum, which verbatimModuleSyntax cannot import; 2 is Argon2id.
export const ARGON2ID = 2;
const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** About 49,000 passwords seen most in leaks, shipped in @zxcvbn-ts/language-common. */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));

/**
 * What is wrong with a new password, or undefined: the English detail and the
 * reason code a client words in its own language. No composition rules
 * (NIST SP 800-63B): length and the common-password list only.
 */
export function passwordProblem(
  password: string,
): { message: string; reason: 'too_short' | 'too_long' | 'common'; limit?: number } | undefined {
  // Counted in code points, so a Cyrillic or emoji password is measured as typed.
  const length = Array.from(password).length;
  if (length < PASSWORD_MIN_LENGTH) {
    return {
      message: `must be at least ${PASSWORD_MIN_LENGTH} characters`,
      reason: 'too_short',
      limit: PASSWORD_MIN_LENGTH,
    };
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return {
      message: `must be at most ${PASSWORD_MAX_LENGTH} characters`,
      reason: 'too_long',
      limit: PASSWORD_MAX_LENGTH,
    };
  }
  if (COMMON_PASSWORDS.has(password.toLowerCase()))
    return { message: 'is on the list of common passwords', reason: 'common' };
  return undefined;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  secretChecks.password += 1;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the time a real verification takes, for sign-ins to unknown
 * accounts, so the answer's timing does not tell which usernames exist.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('homeward-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
  return false;
}
