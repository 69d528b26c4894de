import { reindexAll } from '../search/reindex.js';
import { withKeyedStore } from './store.js';
import { STORE_HELP, STORE_OPTIONS, configFrom, type Command, type CommandGroup } from './command.js';

export const searchReindexCommand: Command = {
  name: 'reindex',
  summary: 'write the blind search index again from every record (safe while the service runs)',
  usage: 'homeward search reindex [--data-dir DIR] [--database-url URL]',
  help: `Opens every case, note, task, intake request and person and writes its
search index entry again, a hundred records a transaction. "serve" does this by
itself at start when the index was written by an older version of Homeward;
run it by hand after restoring an old backup into a running installation, or
to check. Prints how many records of each kind were indexed.

Options:
${STORE_HELP}`,
  options: { ...STORE_OPTIONS },
  async run(values, io) {
    const config = configFrom(values, io.env);
    return withKeyedStore(config, io.env, async (db, keyring) => {
      const counts = await reindexAll(db, keyring);
      io.out(
        `Re-indexed ${String(counts.case)} cases, ${String(counts.note)} notes, ${String(counts.task)} tasks, ` +
          `${String(counts.intake)} intake requests, ${String(counts.person)} people, ` +
          `${String(counts.incident)} incidents.`,
      );
      return 0;
    });
  },
};

export const searchCommand: CommandGroup = {
  name: 'search',
  help: 'The blind search index (HMAC tokens of words, never the words): see docs/SECURITY.md.',
  subcommands: [searchReindexCommand],
};
