import type { Generated, Insertable, Selectable } from 'kysely';

/**
 * The tables of Homeward's database, as Kysely sees them. Times are stored as
 * ISO 8601 UTC text (`2026-11-25T20:00:00.000Z`) on both databases so that
 * they compare and sort the same way everywhere (see dialect.ts).
 */
export interface Database {
  settings: SettingsTable;
}

/** Installation-wide settings, one row a key. Never holds personal data. */
export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export type Setting = Selectable<SettingsTable>;
export type NewSetting = Insertable<SettingsTable>;

// Re-exported so that table interfaces elsewhere need only this module.
export type { Generated };
