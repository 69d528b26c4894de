import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldProblem } from './errors.js';

/**
 * The response of a route that answers a server-rendered page (the public
 * intake pages) rather than JSON. Such routes are public; a plain HTML form
 * cannot send the API's request header, so each state-changing page route
 * checks its own form token (src/public/form-guard.ts) instead.
 */
export interface PageResponse {
  /** `file`: the bytes of a stored file, with the type and name the answer gives (evidence downloads). */
  readonly kind: 'html' | 'css' | 'csv' | 'file';
  /** Where a successful post sends the browser with 303 See Other (post/redirect/get). */
  readonly seeOther?: string;
  /** Sent as a download with this file name (Content-Disposition: attachment). */
  readonly attachment?: string;
}

/** What a page handler answers: a page with its status, or a 303 to another page. */
export type PageAnswer =
  | {
      readonly status: 200 | 400 | 403 | 404 | 409 | 413 | 415 | 429;
      readonly body: string | Readable;
      /** A `file` answer's content type and download name. */
      readonly file?: { readonly type: string; readonly name: string };
      /** A download's own name (ASCII), over the route's `attachment` (a figure's CSV is named after it). */
      readonly filename?: string;
    }
  | { readonly status: 303; readonly location: string };

/** Handed to a page route's `invalid` hook when its query or body fails its schema. */
export interface InvalidInput {
  problems: FieldProblem[];
  /** The query and body as they came, before any schema. */
  rawQuery: unknown;
  rawBody: unknown;
  request: FastifyRequest;
  reply: FastifyReply;
}

export function isPageResponse(response: unknown): response is PageResponse {
  return typeof response === 'object' && response !== null && !('_zod' in response) && 'kind' in response;
}

const CONTENT_TYPES: Record<PageResponse['kind'], string> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  file: 'application/octet-stream',
};

function isPageAnswer(answer: unknown): answer is PageAnswer {
  if (typeof answer !== 'object' || answer === null || !('status' in answer)) return false;
  return 'location' in answer
    ? answer.status === 303 && typeof answer.location === 'string' && /^\/(?![/\\])/.test(answer.location)
    : 'body' in answer &&
        (typeof answer.body === 'string' || answer.body instanceof Readable) &&
        typeof answer.status === 'number';
}

/** Sends a page handler's answer; a same-origin path is the only redirect target it accepts. */
export function sendPage(reply: FastifyReply, response: PageResponse, answer: unknown): FastifyReply {
  if (!isPageAnswer(answer)) throw new AppError('INTERNAL_ERROR');
  if ('location' in answer) return reply.code(303).header('location', answer.location).send();
  if (response.attachment !== undefined) {
    const name = answer.filename?.replace(/[^A-Za-z0-9._-]/g, '_') ?? response.attachment;
    reply.header('content-disposition', `attachment; filename="${name}"`);
  }
  if (answer.file !== undefined) {
    // Always a download, never rendered as a page of this origin; the name in RFC 5987 form, any language.
    const fallback = answer.file.name.replace(/[^A-Za-z0-9._-]/g, '_');
    reply.header(
      'content-disposition',
      `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(answer.file.name)}`,
    );
    return reply.code(answer.status).type(answer.file.type).send(answer.body);
  }
  return reply.code(answer.status).type(CONTENT_TYPES[response.kind]).send(answer.body);
}
