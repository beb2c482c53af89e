import * as v from 'valibot';
import { ErrorResponseSchema } from '../schemas/error';
import { WazzupApiError } from './classes';

/** Spellings the service uses for one code, mapped to the catalogue's. */
const CODE_ALIASES: Readonly<Record<string, string>> = {
  REPEATED_CRM_MESSAGE_ID: 'repeatedCrmMessageId',
};

/** The catalogue spelling of a code the service sent. */
export function normalizeCode(code: string): string {
  return CODE_ALIASES[code] ?? code;
}

/** What the SDK calls an error the body does not name. */
function codeForStatus(status: number): string {
  if (status === 401) return 'UNAUTHORIZED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 429) return 'RATE_LIMITED';
  if (status >= 500) return 'SERVER_ERROR';
  return 'HTTP_ERROR';
}

/** Parses JSON without throwing; `undefined` when the text is not JSON. */
export function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A short, readable line from a body that is not JSON (an HTML error page, say). */
function summarize(text: string): string {
  const plain = text
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > 200 ? `${plain.slice(0, 200)}…` : plain;
}

/** Replaces every occurrence of a secret in a string. */
export type Redact = (text: string) => string;

/** Removes a secret from a value of any shape by walking it (data from the service is JSON). */
function redactDeep(value: unknown, redact: Redact): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, redact));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, item]) => [k, redactDeep(item, redact)]),
    );
  }
  return value;
}

/** An HTTP answer as the transport hands it over. */
export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
}

/**
 * Turns an error answer into a {@link WazzupApiError}: JSON `{error, description, data?,
 * requestId?}`, an empty body or an HTML page all give a code worth switching on.
 */
export function errorFromAnswer(answer: RawAnswer, redact: Redact): WazzupApiError {
  const { status, headers, text } = answer;
  const parsed = v.safeParse(ErrorResponseSchema, parseJson(text));
  const headerRequestId = headers.get('x-request-id') ?? undefined;
  if (parsed.success) {
    const body = parsed.output;
    return new WazzupApiError({
      status,
      code: normalizeCode(body.error),
      description: redact(body.description ?? body.error),
      data: redactDeep(body.data, redact),
      requestId: body.requestId ?? headerRequestId,
    });
  }
  const summary = summarize(text);
  return new WazzupApiError({
    status,
    code: codeForStatus(status),
    description: redact(
      summary ? `HTTP ${status}: ${summary}` : `HTTP ${status} with an empty body`,
    ),
    requestId: headerRequestId,
  });
}
