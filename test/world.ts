import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { ROLES, type Role } from '../src/shared/roles.js';
import { as, type TestClock } from './accounts.js';
import type { TestApp } from './app.js';
import { buildSeeder, type SeededCase, type Seeder } from './seed.js';

export type Call = (options: InjectOptions) => Promise<LightMyRequestResponse>;

/** Every role, anonymous, and an administrator holding an active break-glass grant on the granted cases. */
export type Identity = 'anonymous' | Role | 'admin_break_glass';
/** A case the caseworker and lawyer hold a grant on (and the break-glass administrator a grant), or one they do not. */
export type Target = 'granted' | 'ungranted';

export interface World {
  seed: Seeder;
  clock: TestClock;
  /** Two cases whose titles share a word: A granted to the caseworker and lawyer, B to a bystander only. */
  caseA: SeededCase;
  caseB: SeededCase;
  word: string;
  /** A caseworker who holds a grant on every seeded case (so grant lists are never empty). */
  bystanderId: string;
  /** A caseworker who can be granted a case. */
  granteeId: string;
  identities: Map<Identity, { userId: string; call: Call }>;
  apiToken: { id: string; token: string };
  /** The most urgent, oldest intake request: first in the queue. */
  intakeId: string;
  breakGlassId: string;
  termId: string;
  /** A person with a likely duplicate. */
  duplicate: { personId: string; otherId: string };
  /** A request opened as a case: out of the intake volunteers' sight. */
  triagedIntakeId: string;
  /** A fresh intake request: on `granted` still in the queue, on `ungranted` opened as a case. */
  freshIntake(target: Target): Promise<string>;
  /** A case of `target` (fresh): granted to the bystander, and on `granted` to the caseworker, lawyer and break-glass admin. */
  freshCase(target: Target): Promise<SeededCase>;
}

export interface Context {
  world: World;
  who: Identity;
  target: Target;
  /** The identity's own session. */
  call: Call;
  /** A new account of the identity's role, signed in (pending: before its second factor); anonymous stays anonymous. */
  fresh: (options?: {
    enrolled?: boolean;
  }) => Promise<{ call: Call; password: string; secret: string; userId: string }>;
}

export const IDENTITIES: Identity[] = ['anonymous', ...ROLES, 'admin_break_glass'];

export function roleOf(who: Identity): Role | null {
  return who === 'anonymous' ? null : who === 'admin_break_glass' ? 'admin' : who;
}

/** One user per identity, the cases A and B, and the objects the read routes return. */
export async function buildWorld(t: TestApp, clock: TestClock): Promise<World> {
  const seed = await buildSeeder(t, clock);
  const identities = new Map<Identity, { userId: string; call: Call }>();
  for (const who of IDENTITIES) {
    const role = roleOf(who);
    if (role === null) identities.set(who, { userId: 'anonymous', call: as(t.app, undefined) });
    else {
      const { account, call } = await seed.user(role);
      identities.set(who, { userId: account.user.id, call });
    }
  }
  const id = (who: Identity) => identities.get(who)?.userId ?? '';
  const bystanderId = (await seed.account('caseworker')).user.id;
  const granteeId = (await seed.account('caseworker')).user.id;
  const glassAdmin = identities.get('admin_break_glass')?.call;
  if (glassAdmin === undefined) throw new Error('no break-glass administrator');
  const freshCase = async (target: Target, title?: string): Promise<SeededCase> => {
    const grantees = target === 'granted' ? [bystanderId, id('caseworker'), id('lawyer')] : [bystanderId];
    const made = await seed.case({ ...(title === undefined ? {} : { title }), grantees });
    if (target === 'granted') await seed.breakGlass(glassAdmin, made);
    return made;
  };
  const freshIntake = async (target: Target): Promise<string> => {
    const intakeId = await seed.intake();
    if (target === 'ungranted') await seed.case({ intakeId, grantees: [bystanderId] });
    return intakeId;
  };
  const word = 'Zyxquorbel';
  const caseA = await freshCase('granted', `${word} Alpha`);
  const caseB = await freshCase('ungranted', `${word} Bravo`);
  const dupCase = await freshCase('ungranted');
  const world: World = {
    seed,
    clock,
    caseA,
    caseB,
    word,
    bystanderId,
    granteeId,
    identities,
    apiToken: await seed.apiToken(),
    intakeId: await seed.intake({ urgency: 'critical' }),
    breakGlassId: await seed.breakGlass(glassAdmin, caseB),
    termId: await seed.term('region'),
    duplicate: {
      personId: await seed.personOn(dupCase.id, 'Quorbelsky'),
      otherId: await seed.personOn(dupCase.id, 'Quorbelsky'),
    },
    triagedIntakeId: await freshIntake('ungranted'),
    freshIntake,
    freshCase: (target) => freshCase(target),
  };
  // That grant on B served the list above; the administrator's grants are on the granted cases only.
  await glassAdmin({ method: 'DELETE', url: `/api/break-glass/${world.breakGlassId}` });
  return world;
}

/** What a plan is given: the identity's session, and fresh accounts of its role on request. */
export function contextFor(world: World, who: Identity, target: Target): Context {
  const own = world.identities.get(who);
  if (own === undefined) throw new Error(`no identity ${who}`);
  return {
    world,
    who,
    target,
    call: own.call,
    fresh: async (options = {}) => {
      const role = roleOf(who);
      if (role === null) {
        // A real account's secrets, sent without its session.
        const account = await world.seed.account('analyst');
        return { call: own.call, password: account.password, secret: account.secret, userId: account.user.id };
      }
      const made = await world.seed.user(role, options);
      return {
        call: made.call,
        password: made.account.password,
        secret: made.account.secret,
        userId: made.account.user.id,
      };
    },
  };
}
