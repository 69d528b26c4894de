import { z } from 'zod';
import { ERROR_CATALOGUE, errorBodySchema, type ErrorCode } from '../../shared/errors.js';
import { isPageResponse } from './page-route.js';
import type { AnyRoute } from './route.js';

type JsonSchema = Record<string, unknown>;

/** Codes any route may answer, whatever it declares. */
const ALWAYS: readonly ErrorCode[] = ['INTERNAL_ERROR'];
/** Codes a route answers when it takes input. */
const WITH_INPUT: readonly ErrorCode[] = ['VALIDATION_FAILED'];
const WITH_BODY: readonly ErrorCode[] = ['MALFORMED_JSON', 'UNSUPPORTED_MEDIA_TYPE', 'PAYLOAD_TOO_LARGE'];

function toSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete json.$schema;
  return json;
}

/** The shared schema every error answer is checked against before it is sent (http/errors.ts). */
const errorBody: JsonSchema = toSchema(errorBodySchema, 'output');

/** `/api/cases/:caseId` → `/api/cases/{caseId}` */
function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function parameters(schema: z.ZodType | undefined, location: 'path' | 'query'): JsonSchema[] {
  if (schema === undefined) return [];
  const json = toSchema(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || required.has(name),
    schema: property,
  }));
}

function errorResponses(route: AnyRoute): Record<string, JsonSchema> {
  const codes = new Set<ErrorCode>([...route.errors, ...ALWAYS]);
  if (
    route.params !== undefined ||
    route.query !== undefined ||
    route.body !== undefined ||
    route.multipart !== undefined
  ) {
    for (const code of WITH_INPUT) codes.add(code);
  }
  // A signed-in route that answers a file (CSV) answers its errors in JSON, as the rest of the API.
  const page = isPageResponse(route.response) && route.access.kind === 'public';
  if (route.body !== undefined || route.multipart !== undefined)
    for (const code of WITH_BODY) if (!page || code !== 'MALFORMED_JSON') codes.add(code);
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const status = ERROR_CATALOGUE[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Record<string, JsonSchema> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: list.join(', '),
      content: page ? PAGE_ERROR_CONTENT : { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
  }
  return responses;
}

/** A page answers its errors as pages to browsers, and as the catalogue's JSON to clients that do not accept HTML. */
const PAGE_ERROR_CONTENT: JsonSchema = {
  'text/html': { schema: { type: 'string' } },
  'application/json': { schema: { $ref: '#/components/schemas/Error' } },
};

function successResponses(route: AnyRoute): Record<string, JsonSchema> {
  const status = route.successStatus ?? 200;
  if (isPageResponse(route.response)) {
    const type = { css: 'text/css', csv: 'text/csv', html: 'text/html', file: 'application/octet-stream' }[
      route.response.kind
    ];
    const schema = route.response.kind === 'file' ? { type: 'string', format: 'binary' } : { type: 'string' };
    return {
      '200': { description: 'The page', content: { [type]: { schema } } },
      ...(route.response.seeOther === undefined
        ? {}
        : {
            '303': {
              description: `Received: see ${route.response.seeOther} (post/redirect/get)`,
              headers: { Location: { schema: { type: 'string', const: route.response.seeOther } } },
            },
          }),
    };
  }
  if (status === 204) return { '204': { description: 'No content' } };
  return {
    [String(status)]: {
      description: 'Success',
      content: { 'application/json': { schema: toSchema(route.response, 'output') } },
    },
  };
}

/** The OpenAPI 3.1 document of every route in the table, from their zod schemas. */
export function buildOpenApiDocument(routes: readonly AnyRoute[], version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    const operation: JsonSchema = {
      operationId: `${route.method.toLowerCase()}${openApiPath(route.url).replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
      summary: route.summary,
      tags: route.tags,
      'x-access': route.access.kind,
      parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
      responses: { ...successResponses(route), ...errorResponses(route) },
    };
    if (route.multipart !== undefined) {
      const fields = toSchema(route.multipart.fields, 'input');
      const properties = (fields.properties ?? {}) as Record<string, JsonSchema>;
      operation.requestBody = {
        required: true,
        content: {
          'multipart/form-data': {
            schema: {
              ...fields,
              properties: { ...properties, [route.multipart.file]: { type: 'string', format: 'binary' } },
              required: [...((fields.required ?? []) as string[]), route.multipart.file],
            },
            // The fields must come before the file: the file is stored as it streams in.
            encoding: { [route.multipart.file]: { contentType: 'application/octet-stream' } },
          },
        },
      };
    } else if (route.body !== undefined) {
      operation.requestBody = {
        required: true,
        content: {
          [isPageResponse(route.response) ? 'application/x-www-form-urlencoded' : 'application/json']: {
            schema: toSchema(route.body, 'input'),
          },
        },
      };
    }
    const path = openApiPath(route.url);
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Homeward API',
      version,
      description: 'Case management and documentation for organizations that help servicemen leave service lawfully.',
    },
    paths,
    components: { schemas: { Error: errorBody } },
  };
}
