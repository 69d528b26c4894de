/** Which entry of an archive, counting from 1 as the manifest lists them. */
export interface EntryPlace {
  index: number;
  name: string;
}

/** Why an archive was refused; each reason has its sentence in faultMessage. */
export type ArchiveFault =
  | { reason: 'not_a_backup' }
  | { reason: 'unsupported_format'; format: number }
  | { reason: 'wrong_key'; backupKeyId: string; configuredKeyId: string }
  | { reason: 'header_altered' }
  | {
      reason: 'altered';
      segment: number;
      /** The failing segment is the archive's last piece: altered, or cut inside a segment. */
      atEnd: boolean;
      inEntry: EntryPlace | undefined;
      afterEntry: EntryPlace | undefined;
    }
  | { reason: 'truncated' }
  | { reason: 'malformed'; detail: string }
  | { reason: 'manifest_mismatch'; entry: EntryPlace | undefined; detail: string };

function place(entry: EntryPlace): string {
  return `entry ${entry.index} (${entry.name})`;
}

function faultMessage(fault: ArchiveFault): string {
  switch (fault.reason) {
    case 'not_a_backup':
      return 'This file is not a Homeward backup (bad magic).';
    case 'unsupported_format':
      return `This backup has format ${fault.format}, which this version of Homeward cannot read.`;
    case 'wrong_key':
      return `This backup was made under master key ${fault.backupKeyId}; the configured key is ${fault.configuredKeyId}.`;
    case 'header_altered':
      return "The backup's header was altered or damaged: its key does not open under the configured master key.";
    case 'altered': {
      const where =
        fault.inEntry !== undefined
          ? `${place(fault.inEntry)} does not open`
          : fault.afterEntry !== undefined
            ? `it does not open after ${place(fault.afterEntry)}`
            : 'it does not open from its start';
      const segment = fault.atEnd
        ? `its last segment, ${fault.segment}: altered or cut short`
        : `segment ${fault.segment}`;
      return `The archive was altered or damaged: ${where} (${segment}).`;
    }
    case 'truncated':
      return 'The archive is truncated: it ends before its last segment.';
    case 'malformed':
      return `The archive is malformed: ${fault.detail}.`;
    case 'manifest_mismatch':
      return `The archive does not match its manifest: ${fault.entry === undefined ? '' : `${place(fault.entry)} `}${fault.detail}.`;
  }
}

/** An archive refused as a whole: nothing of it has been restored. */
export class BackupArchiveError extends Error {
  constructor(readonly fault: ArchiveFault) {
    super(faultMessage(fault));
    this.name = 'BackupArchiveError';
  }
}

/** A backup or restore that cannot proceed; the message is one line for the operator. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}
