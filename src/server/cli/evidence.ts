import fs from 'node:fs';
import { openLocalFileStore } from '../files/file-store.js';
import { installedSigningKeyFingerprint } from '../audit/checkpoint.js';
import { checkPackage, type ExpectedKey } from '../modules/evidence/check-package.js';
import { verifyStoredEvidence } from '../modules/evidence/verify.js';
import {
  CliError,
  STORE_HELP,
  STORE_OPTIONS,
  configFrom,
  type CliIo,
  type Command,
  type CommandGroup,
} from './command.js';
import { withKeyedStore } from './store.js';

export const evidenceVerifyCommand: Command = {
  name: 'verify',
  summary: 're-hash every stored evidence file against the SHA-256 recorded at upload (safe while the service runs)',
  usage: 'homeward evidence verify [--data-dir DIR] [--database-url URL]',
  help: `Opens every stored evidence file (originals and working copies) and
compares it with the SHA-256 taken when it was uploaded. A file altered,
damaged or removed on disk is reported by the evidence's id and its case's
number (never a file name), and the command exits 1.

Options:
${STORE_HELP}`,
  options: { ...STORE_OPTIONS },
  async run(values, io) {
    const config = configFrom(values, io.env);
    return withKeyedStore(config, io.env, async (db, keyring) => {
      const files = openLocalFileStore({ db, keyring, dataDir: config.dataDir });
      const { checked, problems } = await verifyStoredEvidence(db, files);
      for (const p of problems) {
        io.err(
          `Evidence ${p.evidenceId} of ${p.caseNumber === null ? `incident ${p.incidentId ?? ''}` : `case ${p.caseNumber}`}: the ${p.copy} is ${p.problem === 'missing' ? 'missing from storage' : 'altered (it does not match the hash recorded at upload)'}`,
        );
      }
      if (problems.length > 0) {
        io.err(`${String(problems.length)} of ${String(checked)} stored evidence files failed the check.`);
        return 1;
      }
      io.out(`All ${String(checked)} stored evidence files match the SHA-256 recorded at upload.`);
      return 0;
    });
  },
};

export const evidenceCheckPackageCommand: Command = {
  name: 'check-package',
  summary: 'check an evidence package: every file against SHA256SUMS and the manifest, and the signature',
  usage: 'homeward evidence check-package --in FILE [--fingerprint HEX]',
  help: `Checks an evidence package (the ZIP a case's package button gives) as
its README tells a court clerk to, without the database: each original against
SHA256SUMS and the signed manifest, and the manifest's Ed25519 signature
against the public key inside; then that key's fingerprint against the one
given with --fingerprint and, when run where HOMEWARD_KEYS_DIR holds the
installation's signing key, against that key. The output says which were
compared; with neither, compare the printed fingerprint with the one the
organization gave out ("homeward audit checkpoint" prints it too).
Exits 1 naming each file or fingerprint that does not match.

Options:
  --in FILE             the package (.zip)
  --fingerprint HEX     the SHA-256 fingerprint (64 hex digits) the signing key must have`,
  options: { in: { type: 'string' }, fingerprint: { type: 'string' } },
  async run(values, io) {
    const file = values.in;
    if (typeof file !== 'string')
      throw new CliError('--in FILE is required. See "homeward evidence check-package --help".', 2);
    if (!fs.existsSync(file)) throw new CliError(`--in: there is no file ${file}`, 2);
    const expected = expectedKeys(values.fingerprint, io.env);
    let result;
    try {
      result = await checkPackage(file, expected);
    } catch (error) {
      throw new CliError(
        `${file} is not a readable ZIP package: ${error instanceof Error ? error.message : 'damaged'}`,
      );
    }
    for (const problem of result.problems) io.err(problem);
    if (!result.ok) {
      io.err(`The package does not check out: ${String(result.problems.length)} problems.`);
      return 1;
    }
    io.out(
      `Package intact: ${String(result.originals)} originals match SHA256SUMS and the manifest; the manifest's signature verifies with the key inside, fingerprint ${result.fingerprint ?? ''}.`,
    );
    io.out(
      expected.length === 0
        ? 'Fingerprint not compared (no --fingerprint, no signing key of an installation here): compare it with the one the organization gave out.'
        : `Fingerprint matches ${expected.map((key) => key.source).join(' and ')}.`,
    );
    return 0;
  },
};

/** The fingerprints the package's key must have: the one given, and this installation's if it has a key. */
function expectedKeys(given: unknown, env: CliIo['env']): ExpectedKey[] {
  const keys: ExpectedKey[] = [];
  if (given !== undefined) {
    const hex = typeof given === 'string' ? given.replace(/[\s:]/g, '').toLowerCase() : '';
    if (!/^[0-9a-f]{64}$/.test(hex)) throw new CliError('--fingerprint: give the 64 hex digits of a SHA-256', 2);
    keys.push({ fingerprint: hex, source: 'the one given with --fingerprint' });
  }
  const installed = installedSigningKeyFingerprint(configFrom({}, env).keysDir);
  if (installed !== undefined) {
    keys.push({ fingerprint: installed.fingerprint, source: `this installation's signing key (${installed.file})` });
  }
  return keys;
}

export const evidenceCommand: CommandGroup = {
  name: 'evidence',
  help: 'Evidence files: check stored originals against their recorded hashes, and check an exported package.',
  subcommands: [evidenceVerifyCommand, evidenceCheckPackageCommand],
};
