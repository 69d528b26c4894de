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

function intact(log: AuditVerifyOk): string {
  return `Audit log intact: ${log.count} ${log.count === 1 ? 'entry' : 'entries'}, head ${log.headHash}`;
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
    case 'truncated':
      return `Audit log damaged at entry ${failure.firstBadSeq}: truncated (the log ends before ${of}, which reached entry ${checkpoint?.headSeq ?? '?'})`;
    case 'diverged':
      return `Audit log damaged at or before entry ${failure.firstBadSeq}: diverged (the entry differs from ${of}: the log was rewritten)`;
    case 'bad_signature':
      return `The checkpoint's signature does not verify: the file was altered after signing`;
    case 'unexpected_key':
      return `The checkpoint was signed by another key than the one expected`;
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

/** Writes beside the target and renames, so that a checkpoint file is never half written. */
function writePublicFile(file: string, text: string): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(temp, text, { mode: 0o644 });
  // The mode above is masked by the umask; a checkpoint is meant to be shared.
  fs.chmodSync(temp, 0o644);
  fs.renameSync(temp, file);
}

export const auditVerifyCommand: Command = {
  name: 'verify',
  summary: 'check that no audit entry was altered, removed or reordered',
  usage: 'homeward audit verify [--checkpoint FILE] [--data-dir DIR] [--database-url URL]',
  help: `Checks the whole hash chain of the audit log and its head. Exits 0 when the
log is intact, 1 naming the first damaged entry. Reads only: safe to run while
"homeward serve" runs.

With --checkpoint, also checks a checkpoint made by "homeward audit checkpoint"
(for example the copy a partner organization holds): its signature, and that
the log still contains the entries it vouched for. This catches a log
rewritten consistently from some entry onward, or cut short.

Options:
  --checkpoint FILE     a signed checkpoint the log must extend
${STORE_HELP}`,
  options: { ...STORE_OPTIONS, checkpoint: { type: 'string' } },
  async run(values, io) {
    const config = configFrom(values, io.env);
    const file = optional(values, 'checkpoint');
    const checkpoint = file === undefined ? undefined : readCheckpointFile(file);
    return withMigratedStore(config, async (db) => {
      if (checkpoint === undefined) {
        const log = await verifyAuditLog(db);
        if (!log.ok) throw new CliError(failureLine(log, undefined));
        io.out(intact(log));
        return 0;
      }
      const result = await verifyCheckpoint(db, checkpoint);
      if (!result.ok) throw new CliError(failureLine(result, checkpoint));
      io.out(intact(result.log));
      io.out(
        `It extends the checkpoint of ${checkpoint.at} (entry ${checkpoint.headSeq}), signed by key ${publicKeyFingerprint(checkpoint.publicKey)}`,
      );
      return 0;
    });
  },
};

export const auditCheckpointCommand: Command = {
  name: 'checkpoint',
  summary: 'sign the audit log head, for a partner organization to keep',
  usage: 'homeward audit checkpoint [--out FILE] [--data-dir DIR] [--database-url URL]',
  help: `Verifies the audit log, then prints a checkpoint: the number of entries and
the head hash, signed with this installation's Ed25519 key (audit-signing.pem
in HOMEWARD_KEYS_DIR, created on first use). Hand it to a partner
organization; "homeward audit verify --checkpoint FILE" later proves that the
log still extends it. A checkpoint holds no personal data.

Options:
  --out FILE            write the checkpoint to FILE (mode 0644) instead of printing it
${STORE_HELP}`,
  options: { ...STORE_OPTIONS, out: { type: 'string' } },
  async run(values, io) {
    const config = configFrom(values, io.env);
    const out = optional(values, 'out');
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
