/**
 * Staff roles. What each may do is decided in one place on the
 * server (src/server/auth/access.ts); the web app only uses this list to show
 * and choose roles.
 */
export const ROLES = ['intake', 'caseworker', 'lawyer', 'coordinator', 'analyst', 'admin'] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
