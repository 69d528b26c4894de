import fs from 'node:fs';
import { ROLES, isRole } from '../../shared/roles.js';
import { newTotpSecret, totpEnrolment } from '../auth/totp.js';
import { createUserBody } from '../../shared/accounts.schema.js';
import { AppError } from '../http/errors.js';
import { issueRecoveryCodes } from '../modules/session/session.service.js';
import { createUser } from '../modules/users/users.service.js';
import {
  CliError,
  STORE_HELP,
  STORE_OPTIONS,
  configFrom,
  optional,
  type Command,
  type CommandGroup,
} from './command.js';
import { withStore } from './store.js';
import { openKeyring } from '../crypto/open-keyring.js';

function readPassword(file: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new CliError(`Cannot read the password file ${file} (${reason}).`, 2);
  }
  // One trailing newline is the file's, not the password's.
  return text.replace(/\r?\n$/, '');
}

export const userAddCommand: Command = {
  name: 'add',
  summary: 'create a staff account with its TOTP factor (the first administrator, too)',
  usage: 'homeward user add --username NAME --role ROLE --password-file FILE [--data-dir DIR] [--database-url URL]',
  help: `Creates an account whose second factor is set up at once: the TOTP
provisioning URI (otpauth://…) is printed on stdout for the user's
authenticator app, followed by ten one-time recovery codes. Print them only
where the user alone can see them.

Options:
  --username NAME       3 to 64 letters, digits, dots, dashes or underscores;
                        pseudonyms are welcome (staff are at risk too)
  --role ROLE           ${ROLES.join(', ')}
  --password-file FILE  file holding the password (12 to 128 characters); - reads stdin
${STORE_HELP}`,
  options: {
    ...STORE_OPTIONS,
    username: { type: 'string' },
    role: { type: 'string' },
    'password-file': { type: 'string' },
  },
  async run(values, io) {
    const username = optional(values, 'username');
    const role = optional(values, 'role');
    const passwordFile = optional(values, 'password-file');
    if (username === undefined || role === undefined || passwordFile === undefined) {
      throw new CliError('--username, --role and --password-file are required. See "homeward user add --help".', 2);
    }
    if (!isRole(role)) throw new CliError(`--role must be one of ${ROLES.join(', ')} (got "${role}").`, 2);
    const password = readPassword(passwordFile);
    // The API's own rules, so the command makes no account the web app would refuse.
    const parsed = createUserBody.safeParse({ username, role, password });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = String(issue?.path[0] ?? 'username');
      const flag = field === 'password' ? `The password in ${passwordFile}` : `--${field}`;
      throw new CliError(
        `${flag} ${issue?.message ?? 'is not valid'}${field === 'username' ? ` (got "${username}")` : ''}.`,
        2,
      );
    }
    const config = configFrom(values, io.env);
    const secret = newTotpSecret();
    return withStore(config, async ({ db }) => {
      const { keyring } = await openKeyring(config, io.env, db);
      try {
        const user = await createUser(
          db,
          keyring,
          null,
          { username: parsed.data.username, role, password, withTotpSecret: secret },
          () => new Date(),
        );
        const codes = await issueRecoveryCodes(db, user.id);
        const enrolment = await totpEnrolment(secret, user.username);
        io.out(enrolment.uri);
        io.out('');
        io.out('Recovery codes (each works once):');
        for (const code of codes) io.out(code);
        io.err(`Created ${role} "${user.username}" (${user.id}).`);
        return 0;
      } catch (error) {
        if (error instanceof AppError) {
          const detail = error.fields?.map((f) => `${f.path} ${f.message}`).join('; ');
          throw new CliError(detail === undefined ? error.message : `The ${detail}.`, 1);
        }
        throw error;
      }
    });
  },
};

export const userCommand: CommandGroup = {
  name: 'user',
  help: 'Manage staff accounts. Most account work is done in the web app by an administrator.',
  subcommands: [userAddCommand],
};
