import type { ErrorCode, FieldReason } from '../../shared/errors.js';
import type { Role } from '../../shared/roles.js';
import { admin } from './en-admin.js';
import { cases } from './en-cases.js';
import { tasks } from './en-tasks.js';
import { home } from './en-home.js';
import { intake } from './en-intake.js';
import { people } from './en-people.js';
import { vocab } from './en-vocab.js';
import { search } from './en-search.js';
import { demo } from './en-demo.js';
import { incidents } from './en-incidents.js';
import { evidence } from './en-evidence.js';
import { stats } from './en-stats.js';
import { publication } from './en-publication.js';
import { mergeAreas } from './merge.js';

// Typed as a Record so that a code added to the catalogue without a message
// here fails to compile.
const errors: Record<ErrorCode, string> = {
  VALIDATION_FAILED: 'Some of the data is not valid. Check the form and try again.',
  MALFORMED_JSON: 'The request could not be read. Reload the page and try again.',
  INVALID_CODE: 'The code is wrong or has been used already. Wait for the next code in the app and try again.',
  UNAUTHENTICATED: 'Sign in to continue.',
  INVALID_CREDENTIALS: 'The username, password or code is wrong.',
  FORBIDDEN: 'You do not have access to this.',
  ENROLMENT_REQUIRED: 'Set up your authenticator app first.',
  CSRF_REJECTED:
    'The server refused the request because it did not come from this application. Reload the page and try again.',
  INVALID_SETUP_TOKEN: 'The setup token is wrong. Copy it again from the server output.',
  NOT_FOUND: 'Nothing was found.',
  ROUTE_NOT_FOUND: 'The server does not know this address.',
  METHOD_NOT_ALLOWED: 'The server does not accept this action here.',
  CONFLICT: 'Someone else has changed this in the meantime. Reload and try again.',
  OUTCOME_NOT_ALLOWED: 'An outcome can be recorded only at a stage that allows it. Move the case on first.',
  USERNAME_TAKEN: 'That username is taken. Choose another.',
  SETUP_NOT_AVAILABLE: 'This installation has already been set up. Sign in instead.',
  PAYLOAD_TOO_LARGE: 'The data is too large to send.',
  UNSUPPORTED_MEDIA_TYPE: 'The server cannot read this kind of data.',
  FILE_TOO_LARGE: 'The file is larger than this installation accepts.',
  UNSUPPORTED_FILE_TYPE: 'This kind of file is not accepted, or its name or type does not match its content.',
  RATE_LIMITED: 'Too many requests. Wait a little and try again.',
  INTERNAL_ERROR: 'Something went wrong on the server. Try again later.',
  SERVICE_UNAVAILABLE: 'The server cannot be reached right now. Check the connection and try again.',
};

/**
 * The English messages of the app's frame and accounts; each area's are in
 * en-<area>.ts. English is the source shape: the Russian resource is typed
 * against this object, so a key missing from either side fails typecheck.
 * Deliberately not `as const`, so the type holds `string` rather than these
 * exact English sentences.
 */
const core = {
  app: {
    name: 'Homeward',
    skipToContent: 'Skip to main content',
    mainNavigation: 'Main navigation',
    menu: 'Menu',
    language: 'Language',
  },
  nav: {
    home: 'Home',
    breakGlass: 'Break-glass',
    users: 'Users',
    audit: 'Audit log',
    vocabularies: 'Vocabularies',
    duplicates: 'Duplicates',
    cases: 'Cases',
    myWork: 'My work',
    incidents: 'Incidents',
    intake: 'Intake',
    apiTokens: 'API tokens',
    publication: 'Public statistics',
    account: 'My account',
    statistics: 'Statistics',
  },
  common: {
    loading: 'Loading…',
    retry: 'Try again',
    saving: 'Saving…',
    checking: 'Checking…',
    cancel: 'Cancel',
    done: 'Done',
    actions: 'Actions',
  },
  terms: {
    /** A value the vocabulary does not hold (or not yet loaded): never the code itself. */
    unknown: 'unknown value',
    /** The empty choice of a filter: no restriction. */
    any: 'Any',
    /** The empty choice of a form field: nothing chosen. */
    none: '— not chosen —',
  },
  roles: {
    intake: 'Intake volunteer',
    caseworker: 'Caseworker',
    lawyer: 'Lawyer',
    coordinator: 'Coordinator',
    analyst: 'Analyst',
    admin: 'Administrator',
  } satisfies Record<Role, string>,
  forms: {
    required: 'Fill in this field.',
    serverSays: 'The server did not accept this value:',
    retryWait: 'Time to wait: {{wait}}.',
  },
  fieldReasons: {
    required: 'Fill in this field.',
    invalid_type: 'This value is of the wrong kind.',
    too_short: 'Too short: at least {{limit}} characters.',
    too_long: 'Too long: at most {{limit}} characters.',
    too_small: 'Too small: at least {{limit}}.',
    too_large: 'Too large: at most {{limit}}.',
    invalid_format: 'This value is not in the expected form.',
    invalid_value: 'Choose one of the offered values.',
    unknown_field: 'The form sent a field the server does not know. Reload the page.',
    incorrect: 'This is not right. Check it and type it again.',
    common:
      'This password is one of the most common ones and easy to guess. Choose another, such as a phrase of several words.',
    not_found: 'Nothing with this number or id was found. Check it and type it again.',
    invalid: 'The server did not accept this value.',
  } satisfies Record<FieldReason, string>,
  password: {
    rules:
      'From {{min}} to {{max}} characters. A long phrase of several words is easiest to remember. Common passwords are refused.',
    required: 'Enter a password.',
    tooShort: 'The password is too short: at least {{min}} characters.',
    tooLong: 'The password is too long: at most {{max}} characters.',
    mismatch: 'The two passwords are not the same.',
  },
  username: {
    rules: '{{min}} to {{max}} characters: letters, digits, dots, dashes and underscores.',
  },
  auth: {
    checking: 'Checking your session…',
    signOut: 'Sign out',
    forbiddenTitle: 'No access',
  },
  login: {
    title: 'Sign in',
    checkAddress:
      'You are signing in at {{host}}. Check that this is your organization’s address before you type your password.',
    username: 'Username',
    password: 'Password',
    code: 'Code from the authenticator app or a recovery code',
    codeHint:
      'Six digits from the app, or a recovery code like abcde-12345. Leave it empty only at your first sign-in, before the app is set up.',
    submit: 'Sign in',
    submitting: 'Signing in…',
    neverAsk:
      'No colleague or administrator will ever ask you for your password or codes. If someone does, tell your coordinator.',
  },
  setup: {
    title: 'Set up Homeward',
    intro:
      'This installation has no accounts yet. Create the first administrator account. Keep this page private: whoever completes it controls the installation.',
    token: 'Setup token',
    tokenHint: 'The server printed the setup token in its output when it started. Copy it from there.',
    username: 'Administrator username',
    usernameHint: 'Any name that you will recognise. A pseudonym is welcome: it need not be your real name.',
    password: 'Password',
    passwordRepeat: 'Password again',
    submit: 'Create the administrator',
    toLogin: 'Go to sign-in',
  },
  enrol: {
    title: 'Set up the authenticator app',
    intro:
      'Every sign-in needs a code from an authenticator app on your phone (for example Aegis, FreeOTP or Google Authenticator) as well as your password.',
    stepScan: 'Open the app, add an account, and scan this QR code.',
    qrAlt: 'QR code holding the secret key for your authenticator app',
    manual: 'Cannot scan? Type this key into the app instead:',
    code: 'Code shown in the app',
    codeHint: 'Six digits. A new code appears every 30 seconds.',
    submit: 'Confirm',
    done: 'The authenticator app is set up.',
    continue: 'Continue',
  },
  recovery: {
    heading: 'Your recovery codes',
    explain:
      'If you lose your phone, sign in with one of these codes instead of a code from the app. Each code works once.',
    onlyOnce:
      'These codes are shown only now. Save them somewhere safe, away from your phone: a password manager or a printout kept safe.',
    copy: 'Copy',
    copied: 'Copied.',
    copyFailed: 'Copying did not work here. Select the codes and copy them by hand.',
    download: 'Download as .txt',
    fileHeading: 'Homeward recovery codes for {{username}} at {{host}}. Each code works once.',
    saved: 'I have saved these codes',
  },
  account: {
    title: 'My account',
    signedInAs: 'Signed in as {{username}} ({{role}}).',
    sessionsHeading: 'Where you are signed in',
    sessionsIntro: 'If you see a device or browser you do not recognise, end that session and change your password.',
    device: 'Device',
    signedInAt: 'Signed in',
    lastSeen: 'Last active',
    thisSession: 'This session',
    endSession: 'End',
    endOthers: 'Sign out everywhere else',
    sessionsEnded: 'The sessions have ended.',
    passwordHeading: 'Change password',
    currentPassword: 'Current password',
    newPassword: 'New password',
    newPasswordRepeat: 'New password again',
    passwordEndsSessions: 'Changing the password signs you out on every other device.',
    changePassword: 'Change password',
    passwordChanged: 'Your password has been changed. Your other sessions have ended.',
    recoveryHeading: 'Recovery codes',
    recoveryIntro: 'New recovery codes replace all your old ones, used or not.',
    totpCode: 'Code from the authenticator app',
    totpCodeHint: 'Six digits from the app. A recovery code is not accepted here.',
    regenerate: 'Make new recovery codes',
    recoveryReplaced: 'Your new recovery codes are in use; the old ones no longer work.',
  },
  errors,
};

export type CoreMessages = typeof core;

export const en = mergeAreas(
  core,
  admin,
  cases,
  tasks,
  vocab,
  people,
  intake,
  home,
  search,
  demo,
  incidents,
  evidence,
  stats,
  publication,
);

export type Messages = typeof en;
