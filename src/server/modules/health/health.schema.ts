// The schema lives in src/shared so the web app reads the same one.
export { healthResponseSchema as healthResponse, type HealthResponse } from '../../../shared/health.js';
