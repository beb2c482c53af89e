import {
  type SendMessageResult,
  WazzupApiError,
  WazzupConfigError,
  WazzupConnectionError,
  WazzupTimeoutError,
  WazzupValidationError,
} from '@wazzup-sdk/core';

type Headers = Record<string, string>;

/** A JSON answer. */
function json(status: number, body: unknown, headers: Headers): Response {
  const contentType = { 'content-type': 'application/json; charset=utf-8' };
  return new Response(JSON.stringify(body), { status, headers: { ...headers, ...contentType } });
}

/** A refusal in the Wazzup API's own shape, `{ error, description, data? }`, so core reads it. */
export function refuse(
  status: number,
  error: string,
  description: string,
  headers: Headers = {},
  data?: unknown,
): Response {
  return json(status, { error, description, data }, headers);
}

/**
 * The proxy's answer to a send, in the `/v3/message` protocol: 201 for a send, 400
 * `REPEATED_CRM_MESSAGE_ID` for a duplicate, the service's code for a refusal. A failure of the
 * Worker's own key (401/403 upstream), an upstream redirect or a failure of the service is 502,
 * since the caller's request was fine; no answer in time is 504; a Worker deployed without its
 * secret is 500.
 */
export function answerFor(
  outcome: { result: SendMessageResult } | { error: unknown },
  cors: Headers,
): Response {
  if ('result' in outcome) {
    const { result } = outcome;
    if (result.status === 'sent') return json(201, { ...result, status: undefined }, cors);
    const description = `A message with crmMessageId ${result.crmMessageId} was already sent`;
    return refuse(400, 'REPEATED_CRM_MESSAGE_ID', description, cors, {
      crmMessageId: result.crmMessageId,
    });
  }
  const { error } = outcome;
  if (error instanceof WazzupValidationError) {
    return refuse(400, error.code, error.message, cors, { fields: [error.field] });
  }
  if (error instanceof WazzupApiError) {
    // A redirect (the API never sends one), the Worker's own key refused, or the service failing:
    // the caller's request was fine, so the fault is upstream.
    const upstreamFault =
      error.status < 400 || error.status === 401 || error.status === 403 || error.status >= 500;
    return json(upstreamFault ? 502 : error.status, { ...error.toJSON(), error: error.code }, cors);
  }
  if (error instanceof WazzupTimeoutError)
    return refuse(504, 'UPSTREAM_TIMEOUT', error.message, cors);
  if (error instanceof WazzupConnectionError) {
    return refuse(502, 'UPSTREAM_UNREACHABLE', 'The Wazzup API could not be reached', cors);
  }
  if (error instanceof WazzupConfigError)
    return refuse(500, 'PROXY_MISCONFIGURED', error.message, cors);
  throw error;
}
