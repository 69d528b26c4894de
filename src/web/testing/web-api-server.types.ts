/**
 * The real server the `web` test project starts (test/web-api-server.ts, which
 * says what it holds): its address and the accounts web tests sign in with.
 * Plain types with no DOM or Node imports, so both sides can share them.
 */
export interface WebApiAccount {
  username: string;
  password: string;
  /** Unused recovery codes; each test file signs in with its own account, so none is used twice. */
  recoveryCodes: string[];
}

export interface WebApiServer {
  url: string;
  /** Enrolled accounts: a caseworker for sign-in, one each for the password change and its rules, an administrator. */
  accounts: Record<'caseworker' | 'changer' | 'admin' | 'rules', WebApiAccount>;
  /** Not enrolled yet: its sign-in leads to enrolment. */
  enrolee: { username: string; password: string };
}

declare module 'vitest' {
  export interface ProvidedContext {
    webApiServer: WebApiServer;
  }
}
