/** An HTTP answer as the transport hands it over. */
export interface RawAnswer {
  status: number;
  headers: Headers;
  /** The body as text, cut at the transport's byte limit. */
  text: string;
  /** Whether the body was longer than the limit (and its rest was never read). */
  truncated?: boolean;
}

/**
 * What the HTTP answer of a call said, besides its data: for logs, metrics and support tickets.
 * Read its fields by name (or `JSON.stringify` it): `headers` and `requestId` are read when first
 * asked for, so a spread copy of a call's response leaves them out.
 */
export interface WazzupResponse {
  status: number;
  /** The answer's headers, every value redacted as errors are. */
  headers: Headers;
  /** The service's id for the request, from its body or `x-request-id`. */
  requestId: string | undefined;
  /** HTTP attempts made, retries included. */
  attempts: number;
  /** How long the call waited for slots under the key's rate limit, in ms. */
  rateLimitWaitMs: number;
}

/** Parses JSON without throwing; `undefined` when the text is not JSON. */
export function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
