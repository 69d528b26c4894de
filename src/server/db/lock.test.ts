import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../test/databases.js';
import { DataDirLockedError, acquireDataDirLock } from './lock.js';

describe('data folder lock', () => {
  const temps: { remove: () => void }[] = [];
  const tempDir = (): string => {
    const temp = makeTempDir();
    temps.push(temp);
    return temp.dir;
  };
  afterEach(() => {
    for (const temp of temps.splice(0)) temp.remove();
  });

  it('refuses a second holder while the first holds it, naming the holder', () => {
    const dir = tempDir();
    const lock = acquireDataDirLock(dir);
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    expect(() => acquireDataDirLock(dir)).toThrow(`Another Homeward process (pid ${process.pid})`);
    lock.release();
  });

  it('can be taken again once released, and release removes the file', () => {
    const dir = tempDir();
    const first = acquireDataDirLock(dir);
    first.release();
    expect(fs.existsSync(path.join(dir, 'homeward.lock'))).toBe(false);
    const second = acquireDataDirLock(dir);
    second.release();
  });

  it('takes over a lock left by a process that no longer runs', () => {
    const dir = tempDir();
    // pid 2^22+1 is above Linux's pid_max default range, so no process has it.
    const stale = { pid: 4194305, host: os.hostname(), startedAt: '2026-01-01T00:00:00.000Z' };
    fs.writeFileSync(path.join(dir, 'homeward.lock'), JSON.stringify(stale));
    const lock = acquireDataDirLock(dir);
    expect(JSON.parse(fs.readFileSync(lock.file, 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it('does not remove a lock that another process took after ours', () => {
    const dir = tempDir();
    const lock = acquireDataDirLock(dir);
    fs.writeFileSync(lock.file, JSON.stringify({ pid: 1, host: os.hostname(), startedAt: '' }));
    lock.release();
    expect(fs.existsSync(lock.file)).toBe(true);
  });
});
