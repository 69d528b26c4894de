import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Call, Context } from './world.js';

/** A call that succeeds for whoever may make it (see matrix-requests.ts). */
export interface Planned {
  request: InjectOptions;
  /** Made with this session instead of the identity's own (a fresh account's). */
  call?: Call;
  /** The success status when it is not the route's own (a public route that answers its refusal). */
  status?: number;
  /** What the allowed answer must hold: problems, none when it is right. */
  check?: (response: LightMyRequestResponse, context: Context) => string[];
}

export type Plan = (context: Context) => Promise<Planned>;

export const contains =
  (...ids: string[]) =>
  (response: LightMyRequestResponse): string[] =>
    ids.filter((id) => !response.body.includes(id)).map((id) => `the answer does not hold ${id}`);
