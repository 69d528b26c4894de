/**
 * How many secret checks this process has run, by kind: an Argon2 password
 * verification (the dummy one for unknown names included) and a TOTP code
 * verification. A throttle's promise is that these stay bounded however many
 * requests arrive, so the concurrency tests read the counts, and diagnostics
 * could.
 */
export const secretChecks = { password: 0, totp: 0 };
