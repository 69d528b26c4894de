import type { ErrorCode } from '../../shared/errors.js';

// Typed as a Record so that a code added to the catalogue without a message
// here fails to compile.
const errors: Record<ErrorCode, string> = {
  VALIDATION_FAILED: 'Some of the data is not valid. Check the form and try again.',
  MALFORMED_JSON: 'The request could not be read. Reload the page and try again.',
  UNAUTHENTICATED: 'Sign in to continue.',
  FORBIDDEN: 'You do not have access to this.',
  NOT_FOUND: 'Nothing was found.',
  ROUTE_NOT_FOUND: 'The server does not know this address.',
  METHOD_NOT_ALLOWED: 'The server does not accept this action here.',
  CONFLICT: 'Someone else has changed this in the meantime. Reload and try again.',
  PAYLOAD_TOO_LARGE: 'The data is too large to send.',
  UNSUPPORTED_MEDIA_TYPE: 'The server cannot read this kind of data.',
  RATE_LIMITED: 'Too many requests. Wait a little and try again.',
  INTERNAL_ERROR: 'Something went wrong on the server. Try again later.',
  SERVICE_UNAVAILABLE: 'The server cannot be reached right now. Check the connection and try again.',
};

/**
 * The English messages are the source shape: the Russian resource is typed
 * against this object, so a key missing from either side fails typecheck.
 * Deliberately not `as const`, so the type holds `string` rather than these
 * exact English sentences.
 */
export const en = {
  app: {
    name: 'Homeward',
    skipToContent: 'Skip to main content',
    mainNavigation: 'Main navigation',
    language: 'Language',
  },
  nav: {
    home: 'Home',
  },
  home: {
    title: 'Home',
    healthHeading: 'Server health',
    loading: 'Checking the server…',
    retry: 'Try again',
    status: 'Status',
    database: 'Database',
    version: 'Version',
    statusOk: 'OK',
  },
  notFound: {
    title: 'Page not found',
    body: 'There is no page at this address. It may have moved, or the link may be wrong.',
    backHome: 'Go to the home page',
  },
  errors,
};

export type Messages = typeof en;
