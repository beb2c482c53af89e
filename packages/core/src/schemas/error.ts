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
 * Schema of an error body; unknown extra fields are ignored. The code comes as `{ error: "CODE" }`
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
      description: v.optional(v.string()),
      data: v.optional(v.unknown()),
      requestId: v.optional(v.string()),
    }),
  );
