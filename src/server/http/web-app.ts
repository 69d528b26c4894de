import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

/**
 * Serves the built single-page app from `webDir`. Paths the app routes on the
 * client (`/cases/12`) get index.html; the API never does.
 */
export async function registerWebApp(app: FastifyInstance, webDir: string): Promise<WebAppFallback> {
  const indexFile = path.join(webDir, 'index.html');
  const built = fs.existsSync(indexFile);
  if (!built) {
    app.log.warn({ webDir }, 'the web app is not built; run "npm run build" to serve it');
    return () => {
      throw new AppError('SERVICE_UNAVAILABLE', 'The web app is not built. Run "npm run build" on the server.');
    };
  }
  await app.register(fastifyStatic, { root: webDir, prefix: '/', index: 'index.html', dotfiles: 'deny' });
  return (_request, reply) => reply.sendFile('index.html');
}

export type WebAppFallback = (request: FastifyRequest, reply: FastifyReply) => FastifyReply;

/** Whether an unmatched request should get the web app rather than a JSON 404. */
export function wantsWebApp(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = request.url.split('?', 1)[0] ?? '';
  if (path === '/api' || path.startsWith('/api/')) return false;
  // A missing asset file is a 404, not the app.
  if (path.startsWith('/assets/') || /\.[a-z0-9]{1,8}$/i.test(path)) return false;
  const accept = request.headers.accept ?? '';
  return accept === '' || accept.includes('text/html') || accept.includes('*/*');
}
