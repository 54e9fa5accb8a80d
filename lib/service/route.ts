// The one wrapper of the route handlers in app/api/: read the input (query parameters, a JSON body or
// the path's parameters) and validate it with the route's zod schema, find the browser's data source
// when the route reads one, call one service function, answer; every error goes through
// toHttpResponse (400 naming the field, 404, 413, 415, 422, 503; 500 without a stack trace).
//   export const GET = sourceRoute({ query: whoCanParams }, whoCanResult, { name: 'who-can', when: asksAllNamespaces });
import 'server-only';
import type { z } from 'zod';
import { toHttpResponse } from '../errors';
import { answerRunner } from '../server/answer-worker';
import { cachedAnswer, cachedAnswerAsync, jsonBytesResponse } from './answer-cache';
import { isOffThreadAnswer, OFF_THREAD_ANSWERS, type OffThreadAnswer, type OffThreadResult } from './answer-tasks';
import { warmFindings, type WebSource } from './store';
import { jsonBody, requestParams, sourceFor } from './web';

/** Where a route's input comes from, and its schema. Query strings ignore unknown keys; bodies are checked by their schema. */
export type RouteInput<S extends z.ZodType> = { query: S } | { body: S } | { path: S };

/** What a service function answers: a Response as it is, serialized JSON (a cached answer), or a value sent as JSON. */
export type Reply = Response | Uint8Array | object;

/** Next's second argument of a route handler; `params` holds the [segments] of dynamic routes. */
export interface HandlerContext {
  params: Promise<Record<string, string | string[] | undefined>>;
}

export type Handler = (req: Request, ctx: HandlerContext) => Promise<Response>;

/**
 * Answers kept per snapshot (lib/service/answer-cache.ts): the cache's name for the route, and which
 * inputs are worth keeping (default: all). `offThread`: which inputs are computed in the answer worker
 * when the server runs one (lib/server/answer-worker.ts; the name must be one of OFF_THREAD_ANSWERS),
 * so that they do not hold up other requests.
 */
export interface RouteCache<I> {
  name: string;
  when?: (input: I) => boolean;
  offThread?: (input: I) => boolean;
}

async function readInput<S extends z.ZodType>(input: RouteInput<S>, req: Request, ctx: HandlerContext): Promise<z.output<S>> {
  if ('query' in input) return input.query.parse(requestParams(req));
  if ('body' in input) return input.body.parse(await jsonBody(req));
  return input.path.parse(await ctx.params);
}

function respond(reply: Reply): Response {
  if (reply instanceof Response) return reply;
  if (reply instanceof Uint8Array) return jsonBytesResponse(reply);
  return Response.json(reply);
}

/** A route that does not read a data source (health, source switching, uploads, cluster loads). */
export function apiRoute<S extends z.ZodType>(
  input: RouteInput<S> | undefined,
  answer: (input: z.output<S>, req: Request) => Reply | Promise<Reply>,
): Handler {
  return async (req, ctx) => {
    try {
      return respond(await answer(input ? await readInput(input, req, ctx) : (undefined as z.output<S>), req));
    } catch (e) {
      return toHttpResponse(e);
    }
  };
}

/**
 * An off-thread answer for a server page (e.g. the namespace drill-down): computed in the answer
 * worker when the server runs one (the page's thread only parses the JSON), else inline.
 */
export async function pageAnswer<N extends OffThreadAnswer>(src: WebSource, name: N, params: Parameters<(typeof OFF_THREAD_ANSWERS)[N]>[1]): Promise<OffThreadResult<N>> {
  const worker = answerRunner();
  if (!worker) return (OFF_THREAD_ANSWERS[name] as (s: WebSource, p: unknown) => OffThreadResult<N>)(src, params);
  return JSON.parse(new TextDecoder().decode(await worker.answer(src, name, params))) as OffThreadResult<N>;
}

/**
 * What a route's answer reads besides the index. `findings`: the findings analysis (risk marks): on a
 * source whose analysis still runs in the answer worker (a fresh upload or change), the request waits
 * for it rather than computing it on the request thread.
 */
export interface RouteNeeds {
  findings?: boolean;
}

/** A route that answers from the browser's data source (?src=, the source cookie, or the configured one). */
export function sourceRoute<S extends z.ZodType>(
  input: RouteInput<S>,
  answer: (src: WebSource, input: z.output<S>) => Reply | Promise<Reply>,
  cache?: RouteCache<z.output<S>>,
  needs: RouteNeeds = {},
): Handler {
  return async (req, ctx) => {
    try {
      const params = await readInput(input, req, ctx);
      const src = await sourceFor(req);
      if (needs.findings) await warmFindings(src);
      if (!cache) return respond(await answer(src, params));
      const cacheable = cache.when?.(params) ?? true;
      const worker = cache.offThread?.(params) && isOffThreadAnswer(cache.name) ? answerRunner() : undefined;
      if (worker) {
        const name = cache.name as Parameters<typeof worker.answer>[1];
        return jsonBytesResponse(await cachedAnswerAsync(src.index, name, params as object, cacheable, () => worker.answer(src, name, params)));
      }
      // routes with a cache answer synchronously (the answer is serialized as it is)
      return jsonBytesResponse(cachedAnswer(src.index, cache.name, params as object, cacheable, () => answer(src, params)));
    } catch (e) {
      return toHttpResponse(e);
    }
  };
}
