import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type z } from 'zod';
import type { ErrorCode } from '../../shared/errors.js';
import { AppError, validationError, type FieldProblem } from './errors.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route. Every route must say; the accounts issue adds the
 * role- and grant-based kinds and a test matrix built from the route table.
 */
export interface Access {
  readonly kind: 'public';
}

export interface RouteContext<TParams, TQuery, TBody> {
  params: TParams;
  query: TQuery;
  body: TBody;
  request: FastifyRequest;
  reply: FastifyReply;
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

/** Registers routes on a Fastify instance, each wrapped in input and output validation. */
export function registerRoutes(app: FastifyInstance, routes: readonly AnyRoute[]): void {
  for (const route of routes) {
    app.route({
      method: route.method,
      url: route.url,
      handler: async (request, reply) => {
        const params = parseInput(route.params, request.params, 'params');
        const query = parseInput(route.query, request.query, 'query');
        const body = parseInput(route.body, request.body, 'body');
        if (!params.ok || !query.ok || !body.ok) {
          // Report every field at fault at once, not the first location only.
          throw validationError([params, query, body].flatMap((p) => (p.ok ? [] : p.problems)));
        }
        const result = await route.handler({
          params: params.value,
          query: query.value,
          body: body.value,
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
