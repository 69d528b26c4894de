import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../shared/roles.js';
import { can, type Action, type CaseObject } from './access.js';

const subject = (role: Role) => ({ userId: 'u1', role });
const kase = (facts: Partial<CaseObject> = {}): CaseObject => ({
  type: 'case',
  id: 'c1',
  granted: false,
  breakGlass: false,
  ...facts,
});

describe('can', () => {
  it('lets a caseworker or lawyer read and write only the cases granted to them', () => {
    for (const role of ['caseworker', 'lawyer'] as const) {
      expect(can(subject(role), 'case.read', kase({ granted: true }))).toBe(true);
      expect(can(subject(role), 'case.write', kase({ granted: true }))).toBe(true);
      expect(can(subject(role), 'case.read', kase())).toBe(false);
      expect(can(subject(role), 'case.write', kase())).toBe(false);
      expect(can(subject(role), 'case.grant', kase({ granted: true }))).toBe(false);
    }
  });

  it('lets a coordinator see, change and assign every case', () => {
    for (const action of ['case.read', 'case.write', 'case.grant'] as const) {
      expect(can(subject('coordinator'), action, kase())).toBe(true);
    }
    expect(can(subject('coordinator'), 'case.list_all')).toBe(true);
  });

  it('lets an administrator read a case only through active break-glass, and never change it', () => {
    expect(can(subject('admin'), 'case.read', kase())).toBe(false);
    expect(can(subject('admin'), 'case.read', kase({ granted: true }))).toBe(false);
    expect(can(subject('admin'), 'case.read', kase({ breakGlass: true }))).toBe(true);
    expect(can(subject('admin'), 'case.write', kase({ breakGlass: true }))).toBe(false);
  });

  it('never lets an intake volunteer or an analyst reach a case', () => {
    for (const role of ['intake', 'analyst'] as const) {
      for (const action of ['case.read', 'case.write', 'case.grant'] as const) {
        expect(can(subject(role), action, kase({ granted: true, breakGlass: true }))).toBe(false);
      }
    }
  });

  it('lets an intake volunteer read a request only until it became a case; coordinators always', () => {
    const request = (triagedIntoCase: boolean) => ({ type: 'intake', id: 'i1', triagedIntoCase }) as const;
    for (const role of ROLES) {
      expect(can(subject(role), 'intake.work', request(false))).toBe(role === 'intake' || role === 'coordinator');
      expect(can(subject(role), 'intake.work', request(true))).toBe(role === 'coordinator');
    }
  });

  it('refuses a case action without its case to everyone but a coordinator', () => {
    for (const role of ROLES) {
      expect(can(subject(role), 'case.read')).toBe(role === 'coordinator');
    }
  });

  it('keeps account administration and the audit log to administrators', () => {
    const adminOnly: Action[] = ['user.manage', 'audit.read', 'break_glass.open'];
    for (const role of ROLES) {
      for (const action of adminOnly) expect(can(subject(role), action)).toBe(role === 'admin');
    }
  });
});
