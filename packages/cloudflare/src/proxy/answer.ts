import {
  type SendMessageResult,
  WazzupApiError,
  WazzupConnectionError,
  WazzupTimeoutError,
  WazzupValidationError,
} from '@wazzup-sdk/core';

/** A JSON answer in the Wazzup API's own shape, so any core client can read it. */
export function apiAnswer(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...headers, 'content-type': 'application/json; charset=utf-8' },
  });
}

/**
 * What the proxy answers for a send, speaking the `/v3/message` protocol: 201 for a send, 400
 * `repeatedCrmMessageId` for a duplicate, the service's own code for a refusal. A failure of the
 * Worker's own key (401/403 upstream) or of the service becomes 502, since the browser's request
 * was fine; a timeout becomes 504.
 */
export function answerFor(
  outcome: { result: SendMessageResult } | { error: unknown },
  cors: Record<string, string>,
): Response {
  if ('result' in outcome) {
    const { result } = outcome;
    if (result.status === 'sent') {
      const { messageId, chatId, crmMessageId } = result;
      return apiAnswer(201, { messageId, chatId, crmMessageId }, cors);
    }
    return apiAnswer(
      400,
      {
        error: 'repeatedCrmMessageId',
        description: 'You have already sent message with the same crmMessageId',
        data: { crmMessageId: result.crmMessageId },
      },
      cors,
    );
  }
  const { error } = outcome;
  if (error instanceof WazzupValidationError) {
    return apiAnswer(
      400,
      { error: error.code, description: error.message, data: { field: error.field } },
      cors,
    );
  }
  if (error instanceof WazzupApiError) {
    const status =
      error.status === 401 || error.status === 403 || error.status >= 500 ? 502 : error.status;
    const body = {
      error: error.code,
      description: error.description,
      data: error.data,
      requestId: error.requestId,
    };
    return apiAnswer(status, body, cors);
  }
  if (error instanceof WazzupTimeoutError) {
    return apiAnswer(504, { error: 'UPSTREAM_TIMEOUT', description: error.message }, cors);
  }
  if (error instanceof WazzupConnectionError) {
    return apiAnswer(
      502,
      { error: 'UPSTREAM_UNREACHABLE', description: 'The Wazzup API could not be reached' },
      cors,
    );
  }
  throw error;
}
