import type { FastifyReply } from 'fastify';
import type { PageAnswer } from '../server/http/page-route.js';
import type { Lang } from './html.js';
import { messagesFor } from './messages.js';
import { renderProblem } from './result-pages.js';

/** A post whose form token does not match the visitor's cookie: expired, or forged from another site. */
export function forbiddenPage(lang: Lang): PageAnswer {
  const m = messagesFor(lang);
  return { status: 403, body: renderProblem(lang, m.forbiddenTitle, m.forbidden, 'intake-forbidden') };
}

/** Sets Retry-After; the minutes to say on the page. */
export function retryAfter(reply: FastifyReply, waitSeconds: number): number {
  reply.header('retry-after', String(waitSeconds));
  return Math.max(1, Math.ceil(waitSeconds / 60));
}
