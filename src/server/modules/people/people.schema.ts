// The schemas the web app reads too live in src/shared.
export * from '../../../shared/people.schema.js';
