/** The database engines Homeward runs on (DESIGN.md §5). */
export type DatabaseDialect = 'sqlite' | 'postgres';

/** The body of `GET /api/health`. */
export interface HealthResponse {
  status: 'ok';
  database: DatabaseDialect;
  version: string;
}
