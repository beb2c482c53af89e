import * as v from 'valibot';
import type { CallOptions } from '../core/options';
import { PagePromise, pages } from '../core/pagination';
import {
  type WazzupPromise,
  type WazzupResponse,
  type WithResponse,
  wazzupPromise,
} from '../core/promise';
import { validateInput } from '../core/validate';
import { parseJson, type RawAnswer } from '../errors/answer';
import { WazzupApiError, WazzupValidationError } from '../errors/classes';
import { type Engine, type Route, request } from '../internal/request';
import { issueMessage } from '../schemas/issue-message';

/** Most items a batch route takes in one request (more gives `TOO_MANY_ENTITIES`). */
export const BATCH_LIMIT = 100;

/**
 * Each resource's engine, kept beside it rather than as a member: a client printed or inspected
 * shows no engine (nor the key it holds), and a class without private members is typed alike by
 * every entry point that declares it.
 */
const engines = /* @__PURE__ */ new WeakMap<object, Engine>();

/** What every resource is made on: the client's engine. */
export abstract class Resource {
  constructor(engine: Engine) {
    engines.set(this, engine);
  }
}

/** The engine a resource was made on. */
export function engineOf(resource: Resource): Engine {
  return engines.get(resource) as Engine;
}

/** A non-blank string of at most `max` characters, refused with `code` naming `field`. */
export function text(
  code: string,
  field: string,
  max: number = Number.POSITIVE_INFINITY,
): v.GenericSchema<unknown, string> {
  return v.pipe(
    v.string(issueMessage(code, `${field} must be a string`)),
    v.check((value) => value.trim() !== '', issueMessage(code, `${field} must not be blank`)),
    v.maxLength(max, issueMessage(code, `${field} is limited to ${max} characters`)),
  );
}

/** Validates a batch's items with their index in the path, and refuses repeated ids. */
export function validItems<T extends { id: string }>(
  schema: v.GenericSchema<unknown, T>,
  items: unknown,
  code: string,
  what: string,
): T[] {
  const valid = validateInput(
    v.array(schema, issueMessage(code, `${what} must be an array`)),
    items,
    code,
  );
  const seen = new Set<string>();
  for (const [index, item] of valid.entries()) {
    // The service answered a 500 to one request naming an id twice.
    if (seen.has(item.id)) {
      throw new WazzupValidationError(code, `${index}.id`, `id "${item.id}" is given twice`, []);
    }
    seen.add(item.id);
  }
  return valid;
}

/**
 * A non-blank id, for a path: percent-encoded, or a validation error naming `field`. `.` and `..`
 * are refused: the URL parser would read them as "this folder" and "the one above" (in any
 * percent-encoding too), and the request would go to another route.
 */
export function idPath(id: unknown, field: string): string {
  if (typeof id !== 'string' || id.trim() === '' || id === '.' || id === '..') {
    throw new WazzupValidationError(
      'VALIDATION_ERROR',
      field,
      `${field} must be a non-blank string, and not "." or ".."`,
      [],
    );
  }
  return encodeURIComponent(id);
}

/**
 * Most of a read route's answer the SDK reads: the largest page the service documents (100
 * contacts with their chats, 100 templates with their components) is a few hundred KiB, and an
 * unpaged list (channels, pipelines) a few hundred items. A send's answer keeps the transport's
 * 64 KiB.
 */
export const READ_MAX_BYTES: number = 4 * 1024 * 1024;

/** Reads a 2xx answer with a lenient schema; anything else, or one cut at the cap, is `INVALID_RESPONSE`. */
export function readWith<T>(
  schema: v.GenericSchema<unknown, T>,
  what: string,
): (answer: RawAnswer) => T | WazzupApiError {
  return (answer) => {
    const invalid = (why: string) =>
      new WazzupApiError({
        status: answer.status,
        code: 'INVALID_RESPONSE',
        description: `HTTP ${answer.status} ${why}`,
      });
    if (answer.truncated) {
      return invalid(
        `with a body past the ${READ_MAX_BYTES} bytes read: cut, and not read as ${what}`,
      );
    }
    const parsed = v.safeParse(schema, parseJson(answer.text));
    return parsed.success ? parsed.output : invalid(`with a body that is not ${what}`);
  };
}

/** Reads an answer whose body is not documented (edits, deletes, upserts): any body is fine. */
export const readDone = (): undefined => undefined;

/** Makes a route's request on the engine, reading up to {@link READ_MAX_BYTES} of its answer. */
export function call<T>(engine: Engine, route: Route<T>, options?: CallOptions): WazzupPromise<T> {
  return wazzupPromise(request(engine, { maxBytes: READ_MAX_BYTES, ...route }, options));
}

/**
 * A call made of one request per batch, in order: it resolves with the last batch's answer.
 * Nothing is sent for no batches (the answer then says status 0 and no attempts).
 */
export function inBatches<Item>(
  items: readonly Item[],
  route: (batch: Item[]) => Route<undefined>,
  engine: Engine,
  options?: CallOptions,
): WazzupPromise<void> {
  return wazzupPromise(
    (async (): Promise<WithResponse<void>> => {
      let response: WazzupResponse = {
        status: 0,
        headers: new Headers(),
        requestId: undefined,
        attempts: 0,
        rateLimitWaitMs: 0,
      };
      for (const batch of batches(items)) {
        ({ response } = await request(
          engine,
          { maxBytes: READ_MAX_BYTES, ...route(batch) },
          options,
        ));
      }
      return { data: undefined, response };
    })(),
  );
}

/** A list's starting offset: a whole number from 0, or a validation error. */
export function checkOffset(offset: unknown): number {
  if (offset === undefined) return 0;
  if (!Number.isSafeInteger(offset) || (offset as number) < 0) {
    throw new WazzupValidationError(
      'VALIDATION_ERROR',
      'offset',
      'offset must be a whole number from 0',
      [],
    );
  }
  return offset as number;
}

/** A list the service answers whole (channels, pipelines): one page of every item. */
export function unpaged<Item>(
  engine: Engine,
  route: Omit<Route<Item[]>, 'read'>,
  schema: v.GenericSchema<unknown, Item[]>,
  what: string,
  options?: CallOptions,
): PagePromise<Item> {
  const read = readWith(schema, what);
  return pages(
    () =>
      request(engine, { maxBytes: READ_MAX_BYTES, ...route, read }, options).then(
        ({ data, response }) => ({ data: { items: data, whole: true }, response }),
      ),
    Number.POSITIVE_INFINITY,
  );
}

/** A list made by `make`, whose own throws (a bad offset) reject it instead. */
export function guardedList<Item>(make: () => PagePromise<Item>): PagePromise<Item> {
  try {
    return make();
  } catch (error) {
    return new PagePromise(Promise.reject(error));
  }
}

/** A call made by `make`, whose own throws (a bad input, a bad option) reject it instead. */
export function guarded<T>(make: () => WazzupPromise<T>): WazzupPromise<T> {
  try {
    return make();
  } catch (error) {
    return wazzupPromise(Promise.reject(error));
  }
}

/** A JSON route with a body. */
export function withBody<T>(
  method: Route<T>['method'],
  path: string,
  body: unknown,
  read: Route<T>['read'],
  template: string = `${method} ${path}`,
): Route<T> {
  return { method, path, route: template, body: JSON.stringify(body), read };
}

/** Splits items into batches of at most {@link BATCH_LIMIT}. */
export function batches<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let at = 0; at < items.length; at += BATCH_LIMIT)
    out.push(items.slice(at, at + BATCH_LIMIT));
  return out;
}

/** An array of at most `max` strings of at most `length` characters, none blank. */
export function idArray(code: string, what: string): v.GenericSchema<unknown, string[]> {
  return v.array(
    v.pipe(
      v.string(issueMessage(code, `${what} must be strings`)),
      v.check((id) => id.trim() !== '', issueMessage(code, `${what} must not be blank`)),
    ),
    issueMessage(code, `${what} must be an array`),
  );
}

/**
 * A delete's "not found" after an earlier attempt that may have reached the service (no answer,
 * a 5xx): that attempt most likely deleted it, so the call has done what it was asked.
 */
export function goneAfterRetry(
  error: WazzupApiError,
  uncertain: boolean,
): { settled: undefined } | undefined {
  return uncertain && (error.status === 404 || /NOT_FOUND$/.test(error.code))
    ? { settled: undefined }
    : undefined;
}

/**
 * A page's `count`: a number, or digits in a string as the users page shows (`"count": "1"`).
 * Anything else reads as absent: the count only tells when to stop, and a short page does too.
 */
export function countSchema(): v.GenericSchema<unknown, number | undefined> {
  return v.optional(
    v.pipe(
      v.unknown(),
      v.transform((count) => {
        const number = typeof count === 'string' && /^\d+$/.test(count) ? Number(count) : count;
        return typeof number === 'number' && Number.isSafeInteger(number) && number >= 0
          ? number
          : undefined;
      }),
    ),
  );
}
