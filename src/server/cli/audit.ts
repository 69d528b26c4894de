import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  AuditLogDamagedError,
  CheckpointFormatError,
  createCheckpoint,
  loadOrCreateSigningKey,
  parseCheckpoint,
  publicKeyFingerprint,
  verifyCheckpoint,
  type AuditCheckpoint,
  type CheckpointFailure,
} from '../audit/checkpoint.js';
import { verifyAuditLog, type AuditVerifyOk } from '../audit/verify.js';
import { recordProcedure } from './record.js';
import { withMigratedStore } from './store.js';
import {
  CliError,
  STORE_HELP,
  STORE_OPTIONS,
  configFrom,
  optional,
  type Command,
  type CommandGroup,
} from './command.js';

/**
 * `homeward audit verify` and `homeward audit checkpoint`. Both only read the
 * database, so they take no data-folder lock and run beside `serve`; nor do
 * they migrate: a store that is not migrated is reported, not changed.
 */

function consistent(log: AuditVerifyOk): string {
  return `Audit log internally consistent: ${log.count} ${log.count === 1 ? 'entry' : 'entries'}, head ${log.headHash}`;
}

/** What a run without a checkpoint did not prove, said every time: the chain has no secret. */
const NO_CHECKPOINT =
  'No checkpoint given: a complete rewrite of the log would not be detected. Give a checkpoint held outside ' +
  'this server with --checkpoint FILE (see "homeward audit checkpoint").';

/**
 * The key a checkpoint must be signed with: its SHA-256 fingerprint (64 hex
 * digits, as "homeward audit checkpoint" prints it) or a file holding the
 * public key (PEM).
 */
function readPin(value: string): string {
  if (/^[0-9a-f]{64}$/i.test(value)) return value.toLowerCase();
  let text: string;
  try {
    text = fs.readFileSync(value, 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    throw new CliError(
      `--public-key: cannot read ${value}: ${code === 'ENOENT' ? 'no such file' : code || 'unreadable'} ` +
        '(give a PEM file or the 64-hex-digit fingerprint)',
      2,
    );
  }
  try {
    const key = crypto.createPublicKey(text);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not Ed25519');
    return key.export({ type: 'spki', format: 'der' }).toString('base64');
  } catch {
    throw new CliError(`--public-key: ${value} does not hold an Ed25519 public key in PEM form`, 2);
  }
}

/** One line per failure; the switch is exhaustive, so a new reason needs its sentence. */
function failureLine(failure: CheckpointFailure, checkpoint: AuditCheckpoint | undefined): string {
  const of = checkpoint === undefined ? 'the checkpoint' : `the checkpoint of ${checkpoint.at}`;
  switch (failure.reason) {
    case 'altered':
      return `Audit log damaged at entry ${failure.firstBadSeq}: altered (its content does not match its hash)`;
    case 'gap':
      return `Audit log damaged at entry ${failure.firstBadSeq}: gap (the entry is missing)`;
    case 'broken_link':
      return `Audit log damaged at entry ${failure.firstBadSeq}: broken_link (it does not follow the entry before it: entries were removed, reordered or rewritten)`;
    case 'head_mismatch':
      return `Audit log damaged at entry ${failure.firstBadSeq}: head_mismatch (the head does not name the last entry: the tail was cut off or the head edited)`;
    case 'empty':
      return 'Audit log damaged: empty (it has no entries, but this installation has accounts, whose creation is always recorded: the log was wiped)';
    case 'truncated':
      return `Audit log damaged at entry ${failure.firstBadSeq}: truncated (the log ends before ${of}, which reached entry ${checkpoint?.headSeq ?? '?'})`;
    case 'diverged':
      return `Audit log damaged at or before entry ${failure.firstBadSeq}: diverged (the entry differs from ${of}: the log was rewritten)`;
    case 'bad_signature':
      return `The checkpoint's signature does not verify: the file was altered after signing`;
    case 'unexpected_key':
      return `The checkpoint was signed by key ${checkpoint === undefined ? '?' : publicKeyFingerprint(checkpoint.publicKey)}, not by the key given with --public-key`;
  }
}

function readCheckpointFile(file: string): AuditCheckpoint {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    throw new CliError(
      `Cannot read the checkpoint ${file}: ${code === 'ENOENT' ? 'no such file' : code || 'unreadable'}`,
      2,
    );
  }
  try {
    return parseCheckpoint(text);
  } catch (error) {
    if (error instanceof CheckpointFormatError) throw new CliError(`${file}: ${error.message}`, 2);
    throw error;
  }
}

/** Refuses, before any work, an --out that cannot be written or would replace a file unasked. */
function checkOut(file: string, force: boolean): void {
  const folder = path.dirname(path.resolve(file));
  if (!fs.existsSync(folder))
    throw new CliError(`Cannot write the checkpoint to ${file}: the folder ${folder} does not exist.`, 2);
  if (fs.existsSync(file) && !force) {
    throw new CliError(`${file} exists already: give --force to replace it, or another --out.`, 2);
  }
}

/** Writes beside the target and renames, so that a checkpoint file is never half written. */
function writePublicFile(file: string, text: string): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(temp, text, { mode: 0o644 });
  // The mode above is masked by the umask; a checkpoint is meant to be shared.
  fs.chmodSync(temp, 0o644);
  fs.renameSync(temp, file);
}

/** The entry names the last entry the checkpoint covers, so the log shows which heads were handed out. */
function recordCheckpoint(db: Parameters<typeof recordProcedure>[0], checkpoint: AuditCheckpoint): Promise<void> {
  return recordProcedure(db, {
    action: 'audit.checkpoint',
    objectType: 'audit_log',
    objectId: String(checkpoint.headSeq),
  });
}

export const auditVerifyCommand: Command = {
  name: 'verify',
  summary: 'check that no audit entry was altered, removed or reordered',
  usage:
    'homeward audit verify [--checkpoint FILE [--public-key FILE|FINGERPRINT]] [--data-dir DIR] [--database-url URL]',
  help: `Checks the whole hash chain of the audit log and its head. Exits 0 when the
log is internally consistent, 1 naming the first damaged entry. An empty log
in an installation that has accounts counts as damaged. Reads only: safe to
run while "homeward serve" runs.

The chain has no secret: whoever can write to the database can rewrite the
whole log consistently. Without a checkpoint, "consistent" is all it proves.

With --checkpoint, also checks a checkpoint made by "homeward audit checkpoint"
(for example the copy a partner organization holds): its signature, and that
the log still contains the entries it vouched for. This catches a log
rewritten from some entry onward, or cut short. With --public-key, the
checkpoint must also be signed by that key: without it, a forger could sign a
forged checkpoint with a key of their own.

Options:
  --checkpoint FILE     a signed checkpoint the log must extend
  --public-key KEY      the key the checkpoint must be signed with: a PEM file,
                        or its fingerprint (64 hex digits, printed by checkpoint)
${STORE_HELP}`,
  options: { ...STORE_OPTIONS, checkpoint: { type: 'string' }, 'public-key': { type: 'string' } },
  async run(values, io) {
    const config = configFrom(values, io.env);
    const file = optional(values, 'checkpoint');
    const pinValue = optional(values, 'public-key');
    if (pinValue !== undefined && file === undefined) {
      throw new CliError('--public-key pins the key of a checkpoint: give --checkpoint FILE too.', 2);
    }
    const pin = pinValue === undefined ? undefined : readPin(pinValue);
    const checkpoint = file === undefined ? undefined : readCheckpointFile(file);
    return withMigratedStore(config, async (db) => {
      if (checkpoint === undefined) {
        const log = await verifyAuditLog(db);
        if (!log.ok) throw new CliError(failureLine(log, undefined));
        io.out(consistent(log));
        io.out(NO_CHECKPOINT);
        return 0;
      }
      const result = await verifyCheckpoint(db, checkpoint, pin === undefined ? {} : { expectedPublicKey: pin });
      if (!result.ok) throw new CliError(failureLine(result, checkpoint));
      const fingerprint = publicKeyFingerprint(checkpoint.publicKey);
      io.out(consistent(result.log));
      io.out(
        `It extends the checkpoint of ${checkpoint.at} (entry ${checkpoint.headSeq}), signed by key ${fingerprint}` +
          (pin === undefined
            ? ". The key was not pinned: give --public-key to check it is the installation's."
            : ', the key given with --public-key.'),
      );
      return 0;
    });
  },
};

export const auditCheckpointCommand: Command = {
  name: 'checkpoint',
  summary: 'sign the audit log head, for a partner organization to keep',
  usage: 'homeward audit checkpoint [--out FILE [--force]] [--data-dir DIR] [--database-url URL]',
  help: `Verifies the audit log, then prints a checkpoint: the number of entries and
the head hash, signed with this installation's Ed25519 key (audit-signing.pem
in HOMEWARD_KEYS_DIR, created on first use). Hand it to a partner
organization with the key's fingerprint (read it out over another channel);
"homeward audit verify --checkpoint FILE --public-key FINGERPRINT" later
proves that the log still extends it. A checkpoint holds no personal data.
Making one is itself recorded in the audit log, after the entries it covers.

Options:
  --out FILE            write the checkpoint to FILE (mode 0644) instead of printing it
  --force               replace FILE if it exists
${STORE_HELP}`,
  options: { ...STORE_OPTIONS, out: { type: 'string' }, force: { type: 'boolean' } },
  async run(values, io) {
    const config = configFrom(values, io.env);
    const out = optional(values, 'out');
    if (out !== undefined) checkOut(out, values.force === true);
    return withMigratedStore(config, async (db) => {
      const key = loadOrCreateSigningKey(config.keysDir);
      io.err(
        key.created
          ? `Created the audit signing key ${key.file} (fingerprint ${key.fingerprint}). Back it up with the other keys.`
          : `Signing with ${key.file} (fingerprint ${key.fingerprint}).`,
      );
      let checkpoint: AuditCheckpoint;
      try {
        checkpoint = await createCheckpoint(db, key);
      } catch (error) {
        if (error instanceof AuditLogDamagedError) {
          throw new CliError(`${failureLine(error.failure, undefined)}. No checkpoint was made.`);
        }
        throw error;
      }
      await recordCheckpoint(db, checkpoint);
      const text = `${JSON.stringify(checkpoint, null, 2)}\n`;
      if (out === undefined) {
        io.out(text.trimEnd());
      } else {
        writePublicFile(out, text);
        io.err(`Checkpoint of entry ${checkpoint.headSeq} written to ${out}.`);
      }
      return 0;
    });
  },
};

export const auditCommand: CommandGroup = {
  name: 'audit',
  help: `The audit log records logins, reads of personal data, changes, exports, grants
and purges, each entry chained to the one before by its hash.`,
  subcommands: [auditVerifyCommand, auditCheckpointCommand],
};
