import * as v from 'valibot';

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
  /* @__PURE__ */ v.object({
    error: /* @__PURE__ */ v.union([
      /* @__PURE__ */ v.string(),
      /* @__PURE__ */ v.pipe(
        /* @__PURE__ */ v.object({ code: /* @__PURE__ */ v.string() }),
        /* @__PURE__ */ v.transform((nested) => nested.code),
      ),
    ]),
    description: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.string()),
    data: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.unknown()),
    requestId: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.string()),
  });
