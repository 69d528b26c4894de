import fs from 'node:fs';
import { importUnits } from '../modules/units/units-import.js';
import { CliError, STORE_HELP, STORE_OPTIONS, configFrom, type Command, type CommandGroup } from './command.js';
import { withMigratedStore } from './store.js';

export const unitsImportCommand: Command = {
  name: 'import',
  summary: 'add military units from a CSV file to the unit vocabulary (all lines or none)',
  usage: 'homeward units import --file FILE [--data-dir DIR] [--database-url URL]',
  help: `Reads a CSV file whose first line names its columns:
  code      the unit's term code: letters, digits, "-" or "_" (required, new)
  name_ru   its name in Russian, name_en in English (required)
  number    the unit number (в/ч), as written
  branch    ground_forces, airborne, navy, aerospace, strategic_missile, special_operations, national_guard, other
  garrison  the code of a place term where it is garrisoned
  parent    the code of its parent unit (kept already, or on an earlier line)
  aliases   other names it is known by, separated by ";"
Every line is checked first; if any is at fault, each problem is printed with
its line and nothing is written (exit 1).

Options:
  --file FILE           the CSV file
${STORE_HELP}`,
  options: { ...STORE_OPTIONS, file: { type: 'string' } },
  async run(values, io) {
    const file = values.file;
    if (typeof file !== 'string') throw new CliError('--file FILE is required: the CSV file to import', 2);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      throw new CliError(`cannot read ${file}`);
    }
    const config = configFrom(values, io.env);
    return withMigratedStore(config, async (db) => {
      const result = await importUnits(db, text);
      for (const problem of result.problems) {
        io.err(
          `line ${String(problem.line)}${problem.column === undefined ? '' : `, ${problem.column}`}: ${problem.message}`,
        );
      }
      if (result.problems.length > 0) {
        io.err(`Nothing imported: ${String(result.problems.length)} problem(s).`);
        return 1;
      }
      io.out(`Imported ${String(result.imported)} units.`);
      return 0;
    });
  },
};

export const unitsCommand: CommandGroup = {
  name: 'units',
  help: 'Military units, kept as terms of the unit vocabulary.',
  subcommands: [unitsImportCommand],
};
