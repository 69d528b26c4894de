import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * One process at a time may serve a SQLite data folder: two writers each
 * applying migrations or holding their own view of the data can lose writes.
 * The lock is a file created exclusively, holding the owner's pid; a lock
 * left behind by a process that no longer runs is taken over.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly pid: number,
  ) {
    super(
      pid > 0
        ? `Another Homeward process (pid ${pid}) is using the data folder ${path.dirname(lockFile)}. ` +
            `Stop it first, or point HOMEWARD_DATA_DIR at another folder.`
        : `The data folder ${path.dirname(lockFile)} is locked by ${lockFile}, which cannot be read. ` +
            `If no Homeward process runs, remove that file.`,
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly file: string;
  release(): void;
}

interface LockContent {
  pid: number;
  host: string;
  startedAt: string;
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, 'homeward.lock');
  const content: LockContent = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(content), { flag: 'wx', mode: 0o600 });
      let released = false;
      return {
        file,
        release() {
          if (released) return;
          released = true;
          // Only remove the lock if it is still ours.
          if (readLock(file)?.pid === process.pid) fs.rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if (!isErrno(error, 'EEXIST')) throw error;
      const holder = readLock(file);
      if (holder?.host === os.hostname() && !isRunning(holder.pid)) {
        fs.rmSync(file, { force: true });
        continue;
      }
      throw new DataDirLockedError(file, holder?.pid ?? 0);
    }
  }
  throw new DataDirLockedError(file, readLock(file)?.pid ?? 0);
}

function readLock(file: string): LockContent | undefined {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'pid' in parsed && typeof parsed.pid === 'number') {
      return parsed as LockContent;
    }
  } catch {
    // A half-written or unreadable lock counts as held by nobody we can name.
  }
  return undefined;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return !isErrno(error, 'ESRCH');
  }
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}
