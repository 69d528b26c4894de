import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type z } from 'zod';
import type { ErrorCode } from '../../shared/errors.js';
import type { Action } from '../auth/access.js';
import type { Actor } from '../auth/sessions.js';
import { AppError, validationError, type FieldProblem } from './errors.js';

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
  /** A signed-in user allowed the action on the case named by a path parameter. */
  | { readonly kind: 'case'; readonly action: Action; readonly param: string }
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
  response: z.ZodType<TResponse>;
  successStatus?: 200 | 201 | 202 | 204;
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

/** A route of any types, for the route table. */
export type AnyRoute = RouteDefinition;

type Parsed<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

function parseInput<T>(schema: z.ZodType<T> | undefined, value: unknown, location: string): Parsed<T> {
  if (schema === undefined) return { ok: true, value: undefined as T };
  const result = schema.safeParse(value ?? (location === 'body' ? undefined : {}));
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problems: result.error.issues.map((issue) => toFieldProblem(issue, location)) };
}

function toFieldProblem(issue: z.core.$ZodIssue, location: string): FieldProblem {
  const where = issue.path.map(String).join('.');
  const path = location === 'body' ? where || 'body' : where ? `${location}.${where}` : location;
  return { path, message: issue.message };
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
        guard.checkOrigin(request);
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
        const query = parseInput(route.query, request.query, 'query');
        const body = parseInput(route.body, request.body, 'body');
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
