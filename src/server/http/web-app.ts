import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

/** The pattern @fastify/static registers its one route under (prefix `/` plus wildcard). */
const STATIC_ROUTE = '/*';

/**
 * Serves the built single-page app from `webDir`. Paths the app routes on the
 * client (`/cases/12`) get index.html; the API never does.
 */
export async function registerWebApp(app: FastifyInstance, webDir: string): Promise<WebAppFallback> {
  const indexFile = path.join(webDir, 'index.html');
  const built = fs.existsSync(indexFile);
  if (!built) {
    app.log.warn({ webDir }, 'the web app is not built; run "npm run build" to serve it');
    return webAppNotBuilt;
  }
  await app.register(fastifyStatic, { root: webDir, prefix: '/', index: 'index.html', dotfiles: 'deny' });
  return (_request, reply) => reply.sendFile('index.html');
}

export type WebAppFallback = (request: FastifyRequest, reply: FastifyReply) => FastifyReply;

export const webAppNotBuilt: WebAppFallback = () => {
  throw new AppError('SERVICE_UNAVAILABLE', 'The web app is not built. Run "npm run build" on the server.');
};

/** Whether an unmatched request should get the web app rather than a JSON 404. */
export function wantsWebApp(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = request.url.split('?', 1)[0] ?? '';
  if (path === '/api' || path.startsWith('/api/')) return false;
  // A missing asset file is a 404, not the app.
  if (path.startsWith('/assets/') || /\.[a-z0-9]{1,8}$/i.test(path)) return false;
  // No client route has a dot segment, a dotfile, a backslash or a NUL: a probe gets a 404, not the app.
  if (!isPlainClientPath(path)) return false;
  const accept = request.headers.accept ?? '';
  return accept === '' || accept.includes('text/html') || accept.includes('*/*');
}

function isPlainClientPath(path: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return false;
  }
  if (/[\0\\]/.test(decoded)) return false;
  return decoded.split('/').every((segment) => !segment.startsWith('.'));
}

/**
 * The static file handler's own refusals as catalogue errors: `send` answers a
 * NUL byte or a malformed escape with 400, and a dotfile or a path that leaves
 * the folder with 403. Both say "no such address", as a missing file does, so
 * a probe learns nothing about what the folder holds. Undefined for any other
 * error, and for read failures of a real file (a server fault).
 */
export function staticFileRefusal(request: FastifyRequest, error: unknown): AppError | undefined {
  if (request.routeOptions.url !== STATIC_ROUTE) return undefined;
  const status = statusOf(error);
  if (status === 400) return new AppError('VALIDATION_FAILED', 'The address is not valid.');
  if (status !== undefined && status > 400 && status < 500) return new AppError('ROUTE_NOT_FOUND');
  return undefined;
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, statusCode } = error as { status?: unknown; statusCode?: unknown };
  if (typeof statusCode === 'number') return statusCode;
  return typeof status === 'number' ? status : undefined;
}
