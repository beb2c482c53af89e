import { createFetch } from 'ofetch';
import type { FetchLike } from '../core/options';
import type { RawAnswer } from '../errors/answer';
import { readCapped } from './read-capped';

/**
 * Most of an answer's body the SDK reads: a send answer is about 100 bytes and an error body a few
 * hundred, so this is ample, and a huge or endless body costs no more than this.
 */
export const MAX_ANSWER_BYTES: number = 64 * 1024;

/** One request as the engine hands it to the transport. */
export interface TransportRequest {
  /** `POST` when absent. */
  method?: string;
  body?: string | undefined;
  /** The transport's own headers when absent. */
  headers?: Record<string, string> | undefined;
  signal: AbortSignal;
  /** Most of the body to read, in bytes; default 64 KiB. */
  maxBytes?: number | undefined;
}

/**
 * The `Headers` ofetch is given to build each request's headers: the caller's record with its
 * names in lower case, and the three methods ofetch calls on it (`get`, `has`, `set`). fetch then
 * reads it as the plain record of strings it is, and checks every name and value itself. ofetch
 * builds a native `Headers` per call otherwise, which fetch then copies again: on Node 22 and 24
 * that was about 1 µs of a 12–13 µs send. The methods live on the prototype, so fetch sees only the
 * headers as the object's own properties.
 */
class RecordHeaders {
  constructor(init?: Record<string, string>) {
    // Own names only, as a native Headers takes them; in lower case, as ofetch asks for them.
    for (const name of Object.keys(init ?? {})) {
      this.set(name.toLowerCase(), (init as Record<string, string>)[name] as string);
    }
  }
  get(name: string): string | null {
    return this.has(name) ? ((this as unknown as Record<string, string>)[name] as string) : null;
  }
  has(name: string): boolean {
    return Object.hasOwn(this, name);
  }
  set(name: string, value: string): void {
    (this as unknown as Record<string, string>)[name] = value;
  }
}

/** Sends one request and hands back the answer, whatever its status. */
export type Transport = (url: string, init: TransportRequest) => Promise<RawAnswer>;

/**
 * One HTTP attempt over ofetch with the injected fetch. ofetch's own retries and error throwing
 * are off: the sender owns the retry policy and reads every status itself. Redirects are never
 * followed (the API does not redirect; see `isRedirect`), and the body is read up to a limit.
 */
export function createTransport(
  fetchImpl: FetchLike | undefined,
  fixedHeaders: Record<string, string> = {},
): Transport {
  // Call fetch unbound and look the global up late: a native fetch called as a method of another
  // object throws "Illegal invocation" in browsers and Workers, and a polyfill may come later.
  const fetch: FetchLike = fetchImpl
    ? (input, init) => fetchImpl(input, init)
    : (input, init) => globalThis.fetch(input, init);
  const $fetch = createFetch({
    fetch: fetch as typeof globalThis.fetch,
    Headers: RecordHeaders as unknown as typeof globalThis.Headers,
  });
  return async (
    url,
    { method = 'POST', body, headers = fixedHeaders, signal, maxBytes = MAX_ANSWER_BYTES },
  ) => {
    const response = await $fetch.raw(url, {
      method,
      body,
      headers,
      signal,
      redirect: 'manual',
      retry: false,
      responseType: 'stream',
      ignoreResponseError: true,
    });
    const { text, truncated } = await readCapped(response, maxBytes);
    return { status: response.status, headers: response.headers, text, truncated };
  };
}
