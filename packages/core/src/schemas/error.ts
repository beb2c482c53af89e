import * as v from 'valibot';
import { deferred } from './deferred';

/** A 4xx/5xx body as the service sends it: `{ error, description, data?, requestId? }`. */
export interface ErrorResponse {
  /** The error code, e.g. `CHANNEL_NOT_FOUND` or `repeatedCrmMessageId`. */
  error: string;
  /** A human explanation. */
  description?: string | undefined;
  /** Details the service attaches to some codes. */
  data?: unknown;
  /** The service's id for the request, when it gives one. */
  requestId?: string | undefined;
}

/**
 * Schema of an error body (`{ error, description, data?, status?, requestId? }`); unknown extra
 * fields are ignored. The code comes as `{ error: "CODE" }`
 * or, on the iframe route, nested as `{ error: { code: "CODE" } }`: both read as `error`.
 */
export const ErrorResponseSchema: v.GenericSchema<unknown, ErrorResponse> =
  /* @__PURE__ */ deferred(() =>
    v.object({
      error: v.union([
        v.string(),
        v.pipe(
          v.object({ code: v.string() }),
          v.transform((nested) => nested.code),
        ),
      ]),
      // Read leniently: a description or request id of another type is as absent, and the code
      // still reads.
      description: v.fallback(v.optional(v.string()), undefined),
      data: v.optional(v.unknown()),
      requestId: v.fallback(v.optional(v.string()), undefined),
    }),
  );
