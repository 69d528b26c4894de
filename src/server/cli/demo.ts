import { openKeyring } from '../crypto/open-keyring.js';
import { DemoRefusal, fillDemo } from '../demo/fill.js';
import { SCALE_MAX, SCALE_MIN } from '../demo/plan.js';
import { CliError, STORE_HELP, STORE_OPTIONS, configFrom, optional, type Command } from './command.js';
import { withStore } from './store.js';

function number(values: Record<string, unknown>, name: string, fallback: number): number {
  const text = optional(values as Record<string, string | boolean | undefined>, name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value))
    throw new CliError(`--${name} must be a number (got "${text}").`, 2);
  return value;
}

export const demoCommand: Command = {
  name: 'demo',
  summary: 'fill an empty installation with an invented demo dataset and demo accounts',
  usage: 'homeward demo [--seed N] [--scale X] [--data-dir DIR] [--database-url URL]',
  help: `Fills the installation with a clearly fictional dataset shaped like the
reported pattern of autumn 2022 (docs/DEMO.md): about 500 intake requests over
the four months up to now, most from Buryatia and many speaking for groups;
cases at every stage with their people, tasks, notes and outcomes (about 150
men home to Ulan-Ude, 300 to other regions); a group held in a camp in Luhansk
region; National Guard men of Kabardino-Balkaria suing in a garrison court;
incidents and sources. Everything goes through the app's own services, so it is
sealed, indexed and audited as real work is. Case titles start with "[демо]".
Then demo-admin chooses every figure for publication and publishes one
snapshot, so /stats shows figures (suppressed as any publication is).

It makes one account a role (demo-admin, demo-coordinator, demo-caseworker,
demo-lawyer, demo-intake, demo-analyst) and prints their passwords once; each
sets up an authenticator app at first sign-in.

It fills only an empty installation: it refuses one that holds the demo (or
part of one, from a run that stopped) and one with any case, request, person,
incident, source or account, since invented records would be counted in real
statistics. A run that stops part way marks the installation as incomplete.

Options:
  --seed N              the generator's seed (default 1): the same seed, the same names and shape
  --scale X             ${String(SCALE_MIN)} to ${String(SCALE_MAX)} (default 1): the size, 1 being about 500 requests
${STORE_HELP}`,
  options: { ...STORE_OPTIONS, seed: { type: 'string' }, scale: { type: 'string' } },
  async run(values, io) {
    const seed = number(values, 'seed', 1);
    if (!Number.isInteger(seed) || seed < 0 || seed > 4294967295) {
      throw new CliError(`--seed must be a whole number from 0 to 4294967295 (got "${String(values.seed)}").`, 2);
    }
    const scale = number(values, 'scale', 1);
    if (scale < SCALE_MIN || scale > SCALE_MAX) {
      throw new CliError(
        `--scale must be from ${String(SCALE_MIN)} to ${String(SCALE_MAX)} (got "${String(values.scale)}").`,
        2,
      );
    }
    const config = configFrom(values, io.env);
    return withStore(config, async ({ db }) => {
      const { keyring } = await openKeyring(config, io.env, db);
      try {
        const result = await fillDemo(db, keyring, { seed, scale, progress: io.err });
        const c = result.counts;
        io.err(
          `Done in ${result.seconds.toFixed(1)} s: ${String(c.requests)} requests, ${String(c.cases)} cases, ${String(c.outcomes)} outcomes, ${String(c.incidents)} incidents, ${String(c.sources)} sources.`,
        );
        io.out('Demo accounts (shown once; each sets up an authenticator app at first sign-in):');
        for (const account of result.accounts)
          io.out(`  ${account.username.padEnd(18)} ${account.role.padEnd(12)} ${account.password}`);
        return 0;
      } catch (error) {
        if (error instanceof DemoRefusal) throw new CliError(error.message, 1);
        throw error;
      }
    });
  },
};
