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
  headers: Record<string, string>;
  signal: AbortSignal;
  /** Most of the body to read, in bytes; default 64 KiB. */
  maxBytes?: number | undefined;
}

/** Sends one request and hands back the answer, whatever its status. */
export type Transport = (url: string, init: TransportRequest) => Promise<RawAnswer>;

/**
 * One HTTP attempt over ofetch with the injected fetch. ofetch's own retries and error throwing
 * are off: the sender owns the retry policy and reads every status itself. Redirects are never
 * followed (the API does not redirect; see `isRedirect`), and the body is read up to a limit.
 */
export function createTransport(fetchImpl: FetchLike | undefined): Transport {
  // Call fetch unbound and look the global up late: a native fetch called as a method of another
  // object throws "Illegal invocation" in browsers and Workers, and a polyfill may come later.
  const fetch: FetchLike = fetchImpl
    ? (input, init) => fetchImpl(input, init)
    : (input, init) => globalThis.fetch(input, init);
  const $fetch = createFetch({ fetch: fetch as typeof globalThis.fetch });
  return async (url, { method = 'POST', body, headers, signal, maxBytes = MAX_ANSWER_BYTES }) => {
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
