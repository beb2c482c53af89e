import type { BaseIssue } from 'valibot';
import type { WazzupResponse } from './answer';
import type { WazzupErrorCode } from './codes';

/** Base of every error this SDK throws, so one `instanceof WazzupError` catches them all. */
export class WazzupError extends Error {
  override name = 'WazzupError';
  /** The crmMessageId the failed send used: retrying with it within ~60 s cannot deliver twice. */
  crmMessageId: string | undefined;
  /** How many HTTP attempts were made (0 when nothing reached the network). */
  attempts = 0;
  /** The last HTTP answer, when one came: its status, redacted headers and request id. */
  response: WazzupResponse | undefined;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }

  /** A plain, loggable form; it never holds the API key. */
  toJSON(): Record<string, unknown> {
    return { ...(this as object), name: this.name, message: this.message };
  }
}

/** The client is missing configuration, such as an API key in the environment. */
export class WazzupConfigError extends WazzupError {
  override name = 'WazzupConfigError';
  /** The setting or environment variable that is missing. */
  readonly variable: string;

  constructor(variable: string, message: string) {
    super(message);
    this.variable = variable;
  }
}

/**
 * A valibot issue as kept on {@link WazzupValidationError}: everything but the input it was
 * raised on, with long strings cut, so an error stays small however large the input (a 5 MB text
 * would otherwise be held, and serialised, three times over).
 */
export interface ValidationIssue {
  readonly kind: BaseIssue<unknown>['kind'];
  readonly type: string;
  readonly expected: string | null;
  readonly received: string;
  readonly message: string;
  /** Where the issue is, outermost first: each step's key (a property name or an item index). */
  readonly path?: readonly {
    readonly type: string;
    readonly origin: string;
    readonly key: unknown;
  }[];
}

/** Longest string an error keeps of what a caller passed (a field name, a received value). */
const MAX_KEPT = 200;

function keep<T>(text: T): T {
  return typeof text === 'string' && text.length > MAX_KEPT
    ? (`${text.slice(0, MAX_KEPT)}…` as T)
    : text;
}

function slimIssue({
  kind,
  type,
  expected,
  received,
  message,
  path,
}: BaseIssue<unknown>): ValidationIssue {
  const slim = {
    kind,
    type,
    expected: keep(expected),
    received: keep(received),
    message: keep(message),
  };
  return path
    ? { ...slim, path: path.map(({ type, origin, key }) => ({ type, origin, key: keep(key) })) }
    : slim;
}

/** Local validation failed: nothing was sent. `code` is what the server would have answered. */
export class WazzupValidationError extends WazzupError {
  override name = 'WazzupValidationError';
  /** The server's code for this mistake, e.g. `CHAT_INCORRECT_CHAT_ID_WHATSAPP`. */
  readonly code: WazzupErrorCode;
  /** Dotted path of the offending field (`chatId`, `buttonsObject.buttons.2.text`), `''` for the body. */
  readonly field: string;
  /** Every issue found, first one first, without the input (see {@link ValidationIssue}). */
  readonly issues: readonly ValidationIssue[];

  constructor(
    code: WazzupErrorCode,
    field: string,
    text: string,
    issues: readonly BaseIssue<unknown>[],
  ) {
    const at = keep(field);
    super(`${code}${at ? ` at ${at}` : ''}: ${keep(text)}`);
    this.code = code;
    this.field = at;
    // The first few are what anyone reads; a wildly wrong input can raise thousands.
    this.issues = issues.slice(0, 10).map(slimIssue);
  }
}

/** What the service answered when it refused the request. */
export interface ApiErrorDetails {
  status: number;
  code: WazzupErrorCode;
  description: string;
  data?: unknown;
  requestId?: string | undefined;
}

/** The service answered with an error (or a 201 the SDK could not read: code `INVALID_RESPONSE`). */
export class WazzupApiError extends WazzupError {
  override name = 'WazzupApiError';
  /** HTTP status. */
  readonly status: number;
  /** The code, normalised (`REPEATED_CRM_MESSAGE_ID` reads `repeatedCrmMessageId`). */
  readonly code: WazzupErrorCode;
  /** The service's explanation, or what the SDK could tell from the answer. */
  readonly description: string;
  /** Details the service attached. */
  readonly data: unknown;
  /** The service's request id, from the body or the `x-request-id` header. */
  readonly requestId: string | undefined;

  constructor(details: ApiErrorDetails) {
    const request = details.requestId ? ` [request ${details.requestId}]` : '';
    super(`${details.code} (HTTP ${details.status}): ${details.description}${request}`);
    this.status = details.status;
    this.code = details.code;
    this.description = details.description;
    this.data = details.data;
    this.requestId = details.requestId;
  }
}

/** The request never got an answer: DNS, refused or reset connection. It may have been delivered. */
export class WazzupConnectionError extends WazzupError {
  override name = 'WazzupConnectionError';
}

/** No answer within `timeoutMs`. The message may have been delivered. */
export class WazzupTimeoutError extends WazzupError {
  override name = 'WazzupTimeoutError';
  /** The per-attempt limit that ran out. */
  readonly timeoutMs: number;

  constructor(timeoutMs: number) {
    super(`No answer within ${timeoutMs} ms`);
    this.timeoutMs = timeoutMs;
  }
}

/**
 * No slot came free under the key's rate limit within the wait limit (`queueTimeoutMs`): the
 * request was never sent. Safe to try again later.
 */
export class WazzupQueueTimeoutError extends WazzupError {
  override name = 'WazzupQueueTimeoutError';
  /** How long the call waited in the queue. */
  readonly waitedMs: number;

  constructor(waitedMs: number) {
    super(`No rate-limit slot within ${waitedMs} ms; nothing was sent`);
    this.waitedMs = waitedMs;
  }
}

/** The caller's own `signal` aborted the send. Distinct from a timeout: nobody retries it. */
export class WazzupAbortError extends WazzupError {
  override name = 'WazzupAbortError';

  constructor() {
    super('The send was aborted by its signal');
  }
}
