import { WazzupError } from '../errors/classes';

/** The handlers ran past `handlerTimeoutMs`: the delivery was answered 503 (the service may send it again). */
export class WazzupWebhookTimeoutError extends WazzupError {
  override name = 'WazzupWebhookTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`The webhook handlers ran past ${timeoutMs} ms; the delivery was answered 503`);
  }
}

/** A handler threw: the delivery was answered 500, so the service may send it again. */
export class WazzupWebhookHandlerError extends WazzupError {
  override name = 'WazzupWebhookHandlerError';
}

/**
 * The dedupe store failed. On a claim nothing was handled and the delivery was answered 500; on a
 * complete or release the handler's own outcome stands, and the store may be left behind.
 */
export class WazzupWebhookStoreError extends WazzupError {
  override name = 'WazzupWebhookStoreError';
  constructor(
    readonly operation: 'claim' | 'complete' | 'release',
    cause: unknown,
  ) {
    super(`The webhook dedupe store failed to ${operation}: ${String(cause)}`, { cause });
  }
}

/** The body did not arrive within `bodyTimeoutMs`: answered 408, nothing handled. */
export class WazzupWebhookBodyTimeoutError extends WazzupError {
  override name = 'WazzupWebhookBodyTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`The webhook body did not arrive within ${timeoutMs} ms; answered 408`);
  }
}
