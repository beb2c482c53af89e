import * as v from 'valibot';
import type { CallOptions } from '../client/contract';
import { parseJson, type RawAnswer } from '../client/raw-answer';
import { type EngineContext, type Route, request } from '../client/retry-loop';
import { validateInput } from '../client/validate';
import { WazzupApiError, WazzupValidationError } from '../errors/classes';
import { issueMessage } from '../schemas/issue-message';

/** Most items a batch route takes in one request (more gives `TOO_MANY_ENTITIES`). */
export const BATCH_LIMIT = 100;

/** What every resource is built on: the client's engine. */
export type Engine = EngineContext;

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
export const readDone = (): true => true;

/** Makes a route's request on the engine, reading up to {@link READ_MAX_BYTES} of its answer. */
export function call<T>(engine: Engine, route: Route<T>, options: CallOptions = {}): Promise<T> {
  return request(engine, { maxBytes: READ_MAX_BYTES, ...route }, options);
}

/** A JSON route with a body. */
export function withBody<T>(
  method: Route<T>['method'],
  path: string,
  body: unknown,
  read: Route<T>['read'],
): Route<T> {
  return { method, path, body: JSON.stringify(body), read };
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
export function goneAfterRetry(error: WazzupApiError, uncertain: boolean): true | undefined {
  return uncertain && (error.status === 404 || /NOT_FOUND$/.test(error.code)) ? true : undefined;
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

/** Most pages a list walks: a million items at the service's 100 a page. */
export const MAX_PAGES = 10_000;

/** The ids of a page's items, to tell one page from the next. */
const idsOf = (items: readonly unknown[]) =>
  JSON.stringify(
    items.map(
      (item) =>
        (item as { id?: unknown; templateGuid?: unknown }).id ??
        (item as { templateGuid?: unknown }).templateGuid,
    ),
  );

/**
 * Walks offset pages of `size` items until a short page or `count` says there are no more. A page
 * that repeats the one before it (a server that ignores `offset`) fails with `INVALID_RESPONSE`,
 * and so does a list past {@link MAX_PAGES} pages: a list always ends.
 */
export async function* offsetPages<T>(
  page: (offset: number) => Promise<{ items: readonly T[]; count?: number | undefined }>,
  size: number = BATCH_LIMIT,
): AsyncGenerator<T, void, undefined> {
  let previous: string | undefined;
  for (let offset = 0, pages = 0; ; offset += size, pages++) {
    if (pages >= MAX_PAGES) throw endless(`went on past ${MAX_PAGES} pages`);
    const { items, count } = await page(offset);
    const ids = idsOf(items);
    if (items.length > 0 && ids === previous) {
      throw endless(`answered offset ${offset} with the page before it again: it ignores offset`);
    }
    previous = ids;
    yield* items;
    if (items.length < size || (count !== undefined && offset + items.length >= count)) return;
  }
}

function endless(why: string): WazzupApiError {
  return new WazzupApiError({
    status: 200,
    code: 'INVALID_RESPONSE',
    description: `The list ${why}`,
  });
}
