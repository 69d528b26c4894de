import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type z } from 'zod';
import type { ErrorCode, FieldReason } from '../../shared/errors.js';
import type { Action } from '../auth/access.js';
import type { Actor } from '../auth/sessions.js';
import { AppError, validationError, type FieldProblem } from './errors.js';
import { isPageResponse, sendPage, type InvalidInput, type PageAnswer, type PageResponse } from './page-route.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route. Every route must say; the route layer enforces it
 * before the handler runs, and the authorization test matrix checks it.
 */
export type Access =
  /** Anyone, signed in or not. */
  | { readonly kind: 'public' }
  /** Any signed-in staff member; `duringEnrolment` also admits a session still enrolling its second factor. */
  | { readonly kind: 'signed_in'; readonly duringEnrolment?: boolean }
  /** A signed-in user whose role allows the action. */
  | { readonly kind: 'action'; readonly action: Action }
  /**
   * A signed-in user allowed the action on the case named by a path parameter:
   * its id, or with `by: 'number'` its number (2026-0001).
   */
  | { readonly kind: 'case'; readonly action: Action; readonly param: string; readonly by?: 'number' }
  /** A signed-in user allowed the action on the person named by a path parameter. */
  | { readonly kind: 'person'; readonly action: Action; readonly param: string };

export interface RouteContext<TParams, TQuery, TBody> {
  params: TParams;
  query: TQuery;
  body: TBody;
  /** The signed-in user; null only on public routes. */
  actor: Actor | null;
  request: FastifyRequest;
  reply: FastifyReply;
}

/** What the route layer asks of the accounts layer. */
export interface RouteGuard {
  /** Refuses a state-changing request that does not prove it comes from this application. */
  checkOrigin(request: FastifyRequest): void;
  authenticate(request: FastifyRequest): Promise<Actor | null>;
  /** Throws FORBIDDEN or NOT_FOUND when the actor may not; audits the refusal. */
  authorize(actor: Actor, access: Access, params: Record<string, unknown>): Promise<void>;
}

/** The signed-in user of a route that is not public. */
export function signedIn(context: { actor: Actor | null }): Actor {
  if (context.actor === null) throw new AppError('UNAUTHENTICATED');
  return context.actor;
}

/**
 * One API route: its schemas (which validate input, strip output, and make
 * the OpenAPI document), its access rule, the error codes it may answer, and
 * a handler that reads top to bottom.
 */
export interface RouteDefinition<TParams = unknown, TQuery = unknown, TBody = unknown, TResponse = unknown> {
  method: HttpMethod;
  /** Fastify path syntax: `/api/cases/:caseId`. */
  url: string;
  summary: string;
  tags: string[];
  access: Access;
  params?: z.ZodType<TParams>;
  query?: z.ZodType<TQuery>;
  body?: z.ZodType<TBody>;
  /**
   * A streaming multipart upload: the handler reads the parts itself (fields first, then the file named
   * `file`), so that a file is never held whole; `fields` is the schema of the fields, for the OpenAPI document.
   */
  multipart?: { fields: z.ZodType; file: string };
  /** A zod schema for JSON; a PageResponse for the public pages (page-route.ts). */
  response: z.ZodType<TResponse> | PageResponse;
  successStatus?: 200 | 201 | 202 | 204;
  /** Page routes only: the answer to a query or body that fails its schema (the form again, with its errors). */
  invalid?(input: InvalidInput): Promise<PageAnswer>;
  /** Codes this route answers besides the ones every route may (validation, internal). */
  errors: readonly ErrorCode[];
  handler(context: RouteContext<TParams, TQuery, TBody>): Promise<TResponse>;
}

/** Identity function that lets TypeScript infer a route's types from its schemas. */
export function defineRoute<TParams = undefined, TQuery = undefined, TBody = undefined, TResponse = unknown>(
  route: RouteDefinition<TParams, TQuery, TBody, TResponse>,
): RouteDefinition<TParams, TQuery, TBody, TResponse> {
  return route;
}

/** A route that answers a page; its handler's answer is a PageAnswer. */
export function definePage<TQuery = undefined, TBody = undefined>(
  route: RouteDefinition<undefined, TQuery, TBody, PageAnswer> & { access: { kind: 'public' }; response: PageResponse },
): RouteDefinition<undefined, TQuery, TBody, PageAnswer> {
  return route;
}

/** A route of any types, for the route table. */
export type AnyRoute = RouteDefinition;

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

export function parseInput<T>(schema: z.ZodType<T> | undefined, value: unknown, location: string): Parsed<T> {
  if (schema === undefined) return { ok: true, value: undefined as T };
  const input = value ?? (location === 'body' ? undefined : {});
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problems: result.error.issues.map((issue) => toFieldProblem(issue, location, input)) };
}

function toFieldProblem(issue: z.core.$ZodIssue, location: string, input: unknown): FieldProblem {
  const where = issue.path.map(String).join('.');
  const path = location === 'body' ? where || 'body' : where ? `${location}.${where}` : location;
  return { path, message: issue.message, ...reasonOf(issue, valueAt(input, issue.path)) };
}

/** The stable reason code of a Zod issue, so a client can word it in its own language. */
function reasonOf(issue: z.core.$ZodIssue, value: unknown): { reason: FieldReason; limit?: number } {
  switch (issue.code) {
    case 'invalid_type':
      return { reason: value === undefined || value === null ? 'required' : 'invalid_type' };
    case 'too_small': {
      const limit = Number(issue.minimum);
      if (!LENGTH_ORIGINS.has(issue.origin)) return { reason: 'too_small', limit };
      // An empty value where one is needed: "required" says it better than "at least 1".
      return limit <= 1 && value !== undefined && isEmpty(value)
        ? { reason: 'required' }
        : { reason: 'too_short', limit };
    }
    case 'too_big':
      return { reason: LENGTH_ORIGINS.has(issue.origin) ? 'too_long' : 'too_large', limit: Number(issue.maximum) };
    case 'invalid_format':
      return { reason: 'invalid_format' };
    case 'invalid_value':
      return { reason: 'invalid_value' };
    case 'unrecognized_keys':
      return { reason: 'unknown_field' };
    case 'custom':
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
    case 'not_multiple_of':
      return { reason: 'invalid' };
  }
}

const LENGTH_ORIGINS = new Set(['string', 'array', 'set', 'file']);

function isEmpty(value: unknown): boolean {
  return (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * Registers routes on a Fastify instance. Each request goes: origin check,
 * authentication, path parameters, authorization, query and body, handler,
 * response schema. Authorization comes before the body is read, so a caller
 * who may not use a route learns nothing from its validation errors.
 */
export function registerRoutes(app: FastifyInstance, routes: readonly AnyRoute[], guard: RouteGuard): void {
  for (const route of routes) {
    const { access } = route;
    app.route({
      method: route.method,
      url: route.url,
      handler: async (request, reply) => {
        const page = isPageResponse(route.response) ? route.response : undefined;
        // A page's form cannot send the request header; its handler checks the form token instead.
        if (page === undefined || access.kind !== 'public') guard.checkOrigin(request);
        const actor = await guard.authenticate(request);
        if (access.kind !== 'public') {
          if (actor === null) throw new AppError('UNAUTHENTICATED');
          const enrolmentRoute = access.kind === 'signed_in' && access.duringEnrolment === true;
          if (actor.session.factorPending && !enrolmentRoute) throw new AppError('ENROLMENT_REQUIRED');
        }
        const params = parseInput(route.params, request.params, 'params');
        if (!params.ok) throw validationError(params.problems);
        if (actor !== null && access.kind !== 'public') {
          await guard.authorize(actor, access, (params.value ?? {}) as Record<string, unknown>);
        }
        if (route.multipart !== undefined && !request.isMultipart()) {
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'The request body must be multipart/form-data.');
        }
        const query = parseInput(route.query, request.query, 'query');
        const body = parseInput(route.body, request.body, 'body');
        if ((!query.ok || !body.ok) && page !== undefined && route.invalid !== undefined) {
          const problems = [query, body].flatMap((p) => (p.ok ? [] : p.problems));
          const answer = await route.invalid({
            problems,
            rawQuery: request.query,
            rawBody: request.body,
            request,
            reply,
          });
          return sendPage(reply, page, answer);
        }
        if (!query.ok || !body.ok) {
          // Report every field at fault at once, not the first location only.
          throw validationError([query, body].flatMap((p) => (p.ok ? [] : p.problems)));
        }
        const result = await route.handler({
          params: params.value,
          query: query.value,
          body: body.value,
          actor,
          request,
          reply,
        });
        if (isPageResponse(route.response)) return sendPage(reply, route.response, result);
        // Parsing the output drops any field the schema does not name, so a
        // handler cannot leak a column by returning a whole row.
        const output = route.response.safeParse(result);
        if (!output.success) {
          request.log.error({ route: route.url, issues: output.error.issues.length }, 'response failed its schema');
          throw new AppError('INTERNAL_ERROR');
        }
        const status = route.successStatus ?? 200;
        if (status === 204) return reply.code(204).send();
        return reply.code(status).send(output.data);
      },
    });
  }
}
