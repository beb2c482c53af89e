import { createSendMessageRequestSchema } from '../schemas/request';
import type { WazzupClient, WazzupOptions } from './create-wazzup';
import { createCrmMessageId } from './crm-message-id';
import { createDeadlines } from './deadlines';
import { DEFAULT_RATE_LIMIT, sharedRateLimiter } from './rate-limiter';
import { DEFAULT_RETRY_DEADLINE_MS } from './retry-policy';
import { type SendContext, sendWithRetries } from './send-message';
import { createTransport } from './transport';
import { validateRequest } from './validate';

/** Options of {@link createSendClient}: the client's options, with the endpoint spelled out. */
export interface SendClientOptions extends Omit<WazzupOptions, 'apiKey' | 'baseUrl'> {
  /** The full URL messages are POSTed to: the API's `/v3/message`, or a proxy speaking its protocol. */
  url: string;
  /** Headers sent with every request, such as `authorization`. */
  headers?: Record<string, string>;
  /** Values that must never appear in an error (keys, tokens); each is replaced by `[redacted]`. */
  secrets?: readonly string[];
}

function redactor(secrets: readonly string[]): (text: string) => string {
  const present = secrets.filter((secret) => secret.length > 0);
  return (text) => present.reduce((out, secret) => out.split(secret).join('[redacted]'), text);
}

/**
 * The engine under every `createWazzup`: validation, one crmMessageId per call, the retry loop
 * and the answer → result/error mapping, against any endpoint that speaks the `/v3/message`
 * protocol. Runtime packages use it to send through a proxy; most code wants `createWazzup`.
 */
export function createSendClient(options: SendClientOptions): WazzupClient {
  const schema = createSendMessageRequestSchema({
    ...(options.textLimits && { textLimits: options.textLimits }),
    ...(options.allowChatTypes && { allowChatTypes: options.allowChatTypes }),
  });
  const context: SendContext = {
    transport: createTransport(options.fetch),
    startDeadline: createDeadlines(),
    url: options.url,
    headers: { ...options.headers, 'content-type': 'application/json', accept: 'application/json' },
    maxRetries: options.maxRetries ?? 2,
    timeoutMs: options.timeoutMs ?? 30_000,
    retryDeadlineMs: options.retryDeadlineMs ?? DEFAULT_RETRY_DEADLINE_MS,
    redact: redactor(options.secrets ?? []),
    limiter:
      options.rateLimit === false
        ? undefined
        : sharedRateLimiter(
            `${options.url} ${options.headers?.authorization ?? ''}`,
            options.rateLimit ?? DEFAULT_RATE_LIMIT,
          ),
  };
  return {
    sendMessage(input, callOptions = {}) {
      try {
        const request = validateRequest(schema, input);
        // The request is valibot's output, a fresh object, so it may take the generated id.
        request.crmMessageId ??= createCrmMessageId();
        const { crmMessageId } = request;
        const body = JSON.stringify(request);
        return sendWithRetries(context, body, crmMessageId, callOptions);
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
}
