import { WazzupConfigError, type WazzupOptions } from '@wazzup-sdk/core';
import { createSender, type WazzupEnv } from '../create-wazzup';
import { answerFor, refuse } from './answer';
import { checkOrigins, corsHeaders, originAllowed } from './cors';
import { checkByteLimit, readJsonBody } from './read-body';

/** Options of {@link createProxyHandler}. */
export interface ProxyOptions<Env> {
  /**
   * Decides whether a request may send (check a session cookie, a signed token…). Required: a
   * proxy that lets everyone in would let anyone message your customers on your account.
   */
  authorize: (request: Request, env: Env) => boolean | Promise<boolean>;
  /** Origins allowed to call from a browser, exactly (`https://app.example.com`). */
  allowedOrigins: readonly string[];
  /** Largest body accepted, in bytes; default 64 KiB (a 10 000-character text fits). */
  maxBodyBytes?: number;
  /**
   * Options of the upstream client. Retries default to 0: the browser client retries with the
   * same crmMessageId, and two layers of retries would stretch past the service's ~60 s window.
   */
  client?: Omit<WazzupOptions, 'apiKey' | 'env'>;
}

/** A Worker `fetch` handler. */
export type ProxyHandler<Env> = (request: Request, env: Env) => Promise<Response>;

/**
 * A Worker `fetch` handler that lets a browser send messages while the API key stays in the
 * Worker. It answers CORS preflights for `allowedOrigins`, refuses other origins, requires
 * `authorize` to pass, limits the body size, validates the message with core's schema before any
 * upstream call, and answers in the Wazzup API's own protocol (so `@wazzup-sdk/browser` reads it).
 *
 * @example
 * const proxy = createProxyHandler({
 *   allowedOrigins: ['https://crm.example.com'],
 *   authorize: (request, env) => request.headers.get('authorization') === `Bearer ${env.APP_TOKEN}`,
 * });
 * export default { fetch: proxy };
 */
export function createProxyHandler<Env extends WazzupEnv>(
  options: ProxyOptions<Env>,
): ProxyHandler<Env> {
  if (typeof options !== 'object' || options === null || typeof options.authorize !== 'function') {
    throw new WazzupConfigError(
      'authorize',
      'createProxyHandler: authorize(request, env) is required, or anyone could send on your account',
    );
  }
  const allowedOrigins = checkOrigins(options.allowedOrigins);
  const maxBodyBytes =
    options.maxBodyBytes === undefined
      ? 64 * 1024
      : checkByteLimit('maxBodyBytes', options.maxBodyBytes);
  const clientOptions = { maxRetries: 0, timeoutMs: 25_000, ...options.client };

  return async (request, env) => {
    const allowed = originAllowed(request, allowedOrigins);
    if (allowed === false) return refuse(403, 'FORBIDDEN', 'This origin may not use the proxy');
    const cors = allowed ? corsHeaders(request.headers.get('origin') as string) : {};
    if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: cors });
    if (request.method !== 'POST')
      return refuse(405, 'METHOD_NOT_ALLOWED', 'Use POST', { ...cors, allow: 'POST, OPTIONS' });
    if (!(await options.authorize(request, env)))
      return refuse(401, 'UNAUTHORIZED', 'Not allowed to send', cors);
    const read = await readJsonBody(request, maxBodyBytes);
    if ('problem' in read) {
      return read.problem === 'too-large'
        ? refuse(413, 'PAYLOAD_TOO_LARGE', `The body is over ${maxBodyBytes} bytes`, cors)
        : refuse(400, 'INVALID_MESSAGE_DATA', 'The body must be JSON', cors);
    }
    // createSender({ env }) is cheap; making it per request keeps a changed secret effective at once.
    const outcome = await Promise.resolve()
      .then(() => createSender({ ...clientOptions, env }).messages.send(read.body as never))
      .then(
        (result) => ({ result }),
        (error: unknown) => ({ error }),
      );
    if ('error' in outcome && outcome.error instanceof WazzupConfigError) {
      // The Worker was deployed without a usable secret: say so in its log (the message names the
      // variable, never a value), and tell the caller only that the proxy is misconfigured.
      console.error(`wazzup proxy: ${outcome.error.message}`);
    }
    return answerFor(outcome, cors);
  };
}
