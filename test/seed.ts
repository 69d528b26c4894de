import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Role } from '../src/shared/roles.js';
import crypto from 'node:crypto';
import { createIntakeRequest } from '../src/server/modules/intake/intake.service.js';
import { notify } from '../src/server/modules/notifications/notify.js';
import { as, buildUser, signIn, type TestClock, type TestUser } from './accounts.js';
import type { TestApp } from './app.js';

type Call = (options: InjectOptions) => Promise<LightMyRequestResponse>;

/** The answer's JSON when its status is the expected one; otherwise the seeding step fails, naming itself. */
async function expectStatus<T>(what: string, status: number, answer: Promise<LightMyRequestResponse>): Promise<T> {
  const response = await answer;
  if (response.statusCode !== status) {
    throw new Error(`seed: ${what} answered ${String(response.statusCode)}: ${response.body.slice(0, 300)}`);
  }
  return (response.body === '' ? undefined : response.json()) as T;
}

export interface SeededCase {
  id: string;
  number: string;
  title: string;
}

/**
 * Real objects for tests that must tell "refused" from "no such object":
 * made through the API (a coordinator and an administrator of its own), so
 * they are what a user would make. Intake requests come through the intake
 * service, as the public form stores them (no throttle stands in the way).
 */
export interface Seeder {
  coordinator: TestUser;
  admin: TestUser;
  /** The seeding coordinator's signed-in session. */
  coordinatorCall: Call;
  /** A user of `role`, not signed in. */
  account(role: Role): Promise<TestUser>;
  /** A user of `role`, signed in (or only half signed in, before the second factor). */
  user(role: Role, options?: { enrolled?: boolean }): Promise<{ account: TestUser; call: Call; cookie: string }>;
  case(options?: { title?: string; grantees?: string[]; summary?: string; intakeId?: string }): Promise<SeededCase>;
  grant(caseId: string, userId: string): Promise<void>;
  /** Opens a break-glass grant for `admin` (a signed-in administrator) on a case. */
  breakGlass(admin: Call, target: SeededCase): Promise<string>;
  note(caseId: string, body?: string): Promise<string>;
  task(caseId: string, title?: string): Promise<string>;
  /** A new person linked to the case; the name is unique unless given. */
  personOn(caseId: string, family?: string): Promise<string>;
  intake(options?: { urgency?: 'low' | 'normal' | 'high' | 'critical'; text?: string }): Promise<string>;
  apiToken(): Promise<{ id: string; token: string }>;
  /** Permits a stage move (idempotent). */
  transition(from: string, to: string): Promise<void>;
  close(caseId: string): Promise<void>;
  /** Attaches an intake request to a case. */
  attach(caseId: string, intakeId: string): Promise<void>;
  /** Moves a case to `stage` (a move the stage graph permits). */
  stage(caseId: string, stage: string): Promise<void>;
  term(vocabulary: string): Promise<string>;
  /** An unread notification for `userId` (about a case that need not exist); its id. */
  notification(userId: string): Promise<string>;
}

let serial = 0;
/** A string no other seeded object holds. */
export function unique(prefix: string): string {
  serial += 1;
  return `${prefix}${String(serial)}x${Math.random().toString(36).slice(2, 8)}`;
}

export async function buildSeeder(t: TestApp, clock: TestClock): Promise<Seeder> {
  const db = t.database.handle.db;
  const coordinator = await buildUser(db, t.keyring, 'coordinator', clock);
  const admin = await buildUser(db, t.keyring, 'admin', clock);
  const asCoordinator = as(t.app, await signIn(t.app, coordinator, clock));
  const asAdmin = as(t.app, await signIn(t.app, admin, clock));

  const seeder: Seeder = {
    coordinator,
    admin,
    coordinatorCall: asCoordinator,
    account(role) {
      return buildUser(db, t.keyring, role, clock);
    },
    async user(role, options = {}) {
      const account = await buildUser(db, t.keyring, role, clock, options);
      let cookie: string;
      if (options.enrolled === false) {
        const login = await t.app.inject({
          method: 'POST',
          url: '/api/session',
          headers: { 'x-homeward-request': '1' },
          payload: { username: account.user.username, password: account.password },
        });
        cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      } else {
        cookie = await signIn(t.app, account, clock);
      }
      return { account, call: as(t.app, cookie), cookie };
    },
    async case(options = {}) {
      const title = options.title ?? unique('Matrix case ');
      const created = await expectStatus<{ id: string; number: string }>(
        'open a case',
        201,
        asCoordinator({
          method: 'POST',
          url: '/api/cases',
          payload: {
            type: 'contract_termination',
            title,
            ...(options.summary === undefined ? {} : { summary: options.summary }),
            ...(options.intakeId === undefined ? {} : { intakeId: options.intakeId }),
          },
        }),
      );
      for (const userId of options.grantees ?? []) await seeder.grant(created.id, userId);
      return { ...created, title };
    },
    async grant(caseId, userId) {
      await expectStatus('grant', 204, asCoordinator({ method: 'PUT', url: `/api/cases/${caseId}/grants/${userId}` }));
    },
    async breakGlass(adminCall, target) {
      const opened = await expectStatus<{ id: string }>(
        'open break-glass',
        201,
        adminCall({
          method: 'POST',
          url: '/api/break-glass',
          payload: { case: target.number, reason: 'caseworker_unreachable', minutes: 240 },
        }),
      );
      return opened.id;
    },
    async note(caseId, body = unique('Matrix note ')) {
      const created = await expectStatus<{ id: string }>(
        'add a note',
        201,
        asCoordinator({ method: 'POST', url: `/api/cases/${caseId}/notes`, payload: { body } }),
      );
      return created.id;
    },
    async task(caseId, title = unique('Matrix task ')) {
      const created = await expectStatus<{ id: string }>(
        'add a task',
        201,
        asCoordinator({ method: 'POST', url: `/api/cases/${caseId}/tasks`, payload: { title, dueDate: '2027-01-15' } }),
      );
      return created.id;
    },
    async personOn(caseId, family = unique('Matrixov')) {
      const link = await expectStatus<{ personId: string }>(
        'link a person',
        201,
        asCoordinator({
          method: 'POST',
          url: `/api/cases/${caseId}/people`,
          payload: { role: 'serviceman', person: { nameLatin: { family, given: 'Ivan' } } },
        }),
      );
      return link.personId;
    },
    async intake(options = {}) {
      const created = await createIntakeRequest(
        { db, keyring: t.keyring, clock },
        {
          handle: unique('handle-'),
          contact: unique('contact-'),
          requesterRole: 'spouse',
          groupSize: 1,
          urgency: options.urgency ?? 'low',
          text: options.text ?? unique('Matrix intake '),
          consentDocumentation: true,
          consentStatistics: false,
        },
        { channel: 'web_form' },
      );
      return created.id;
    },
    async apiToken() {
      return expectStatus<{ id: string; token: string }>(
        'issue an API token',
        201,
        asAdmin({ method: 'POST', url: '/api/api-tokens', payload: { label: unique('channel ') } }),
      );
    },
    async transition(from, to) {
      await expectStatus(
        'permit a stage move',
        204,
        asCoordinator({ method: 'PUT', url: '/api/vocabularies/stage/transitions', payload: { from, to } }),
      );
    },
    async close(caseId) {
      await expectStatus(
        'close a case',
        204,
        asCoordinator({ method: 'POST', url: `/api/cases/${caseId}/close`, payload: { reason: 'done' } }),
      );
    },
    async attach(caseId, intakeId) {
      await expectStatus(
        'attach a request',
        204,
        asCoordinator({ method: 'POST', url: `/api/cases/${caseId}/attach-intake`, payload: { intakeId } }),
      );
    },
    async stage(caseId, stage) {
      await expectStatus(
        'move a case',
        204,
        asCoordinator({ method: 'POST', url: `/api/cases/${caseId}/stage`, payload: { to: stage } }),
      );
    },
    async term(vocabulary) {
      const code = unique('t_').replace(/[^A-Za-z0-9_-]/g, '_');
      const created = await expectStatus<{ id: string }>(
        'add a term',
        201,
        asCoordinator({
          method: 'POST',
          url: `/api/vocabularies/${vocabulary}/terms`,
          payload: { code, labelRu: `Термин ${code}`, labelEn: `Term ${code}` },
        }),
      );
      return created.id;
    },
    async notification(userId) {
      const objectId = crypto.randomUUID();
      await db.transaction().execute((trx) =>
        notify(trx, {
          kind: 'case_assigned',
          objectType: 'case',
          objectId,
          userIds: [userId],
          at: clock().toISOString(),
        }),
      );
      const row = await db
        .selectFrom('notifications')
        .select('id')
        .where('object_id', '=', objectId)
        .executeTakeFirstOrThrow();
      return row.id;
    },
  };
  return seeder;
}
