/** An HTTP answer as the transport hands it over. */
export interface RawAnswer {
  status: number;
  headers: Headers;
  /** The body as text, cut at the transport's byte limit. */
  text: string;
  /** Whether the body was longer than the limit (and its rest was never read). */
  truncated?: boolean;
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
