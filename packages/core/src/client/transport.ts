import { createFetch } from 'ofetch';
import type { RawAnswer } from '../errors/map-response';

/** A `fetch` as every runtime provides it; only the call signature is used. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Sends one POST and hands back the answer, whatever its status. */
export type Transport = (
  url: string,
  init: { body: string; headers: Record<string, string>; signal: AbortSignal },
) => Promise<RawAnswer>;

/**
 * One HTTP attempt over ofetch with the injected fetch. ofetch's own retries and error throwing
 * are off: the sender owns the retry policy and reads every status itself.
 */
export function createTransport(fetchImpl: FetchLike | undefined): Transport {
  // Call fetch unbound and look the global up late: a native fetch called as a method of another
  // object throws "Illegal invocation" in browsers and Workers, and a polyfill may come later.
  const fetch: FetchLike = fetchImpl
    ? (input, init) => fetchImpl(input, init)
    : (input, init) => globalThis.fetch(input, init);
  const $fetch = createFetch({ fetch: fetch as typeof globalThis.fetch });
  return async (url, { body, headers, signal }) => {
    const response = await $fetch.raw<string, 'text'>(url, {
      method: 'POST',
      body,
      headers,
      signal,
      retry: false,
      responseType: 'text',
      ignoreResponseError: true,
    });
    return { status: response.status, headers: response.headers, text: response._data ?? '' };
  };
}
