import type { FetchLike } from '../src/core/options';

/** A request as a test fetch saw it. */
export interface SeenRequest {
  url: string;
  method: string;
  headers: Headers;
  body: Record<string, unknown>;
}

/** An answer a scripted fetch gives: a Response, or an Error to reject with. */
export type Scripted = Response | Error | ((request: Request) => Response | Promise<Response>);

/**
 * A fetch for unit tests that answers from a script, one entry per call (the last one repeats),
 * and records every request it was given.
 */
export function recordingFetch(...script: Scripted[]): FetchLike & { requests: SeenRequest[] } {
  const requests: SeenRequest[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    const text = await request.clone().text();
    requests.push({
      url: request.url,
      method: request.method,
      headers: request.headers,
      body: text ? JSON.parse(text) : {},
    });
    const next = script[Math.min(requests.length - 1, script.length - 1)];
    if (next === undefined) throw new Error('recordingFetch: empty script');
    if (next instanceof Error) throw next;
    return typeof next === 'function' ? next(request) : next.clone();
  };
  return Object.assign(fetch, { requests });
}

/** A 201 send result. */
export function created(
  messageId = 'f66c53a6-957a-46b2-b41b-5a2ef4844bcb',
  chatId = '79011112233',
): Response {
  return Response.json({ messageId, chatId }, { status: 201 });
}

/** A JSON error answer. */
export function failed(status: number, body?: unknown, headers?: Record<string, string>): Response {
  if (body === undefined) return new Response(null, { status, ...(headers && { headers }) });
  return Response.json(body, { status, ...(headers && { headers }) });
}
