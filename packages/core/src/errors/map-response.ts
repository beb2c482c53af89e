import * as v from 'valibot';
import { ErrorResponseSchema } from '../schemas/error';
import { parseJson, type RawAnswer } from './answer';
import { WazzupApiError } from './classes';
import { type Redact, redactDeep } from './redact';

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

/** Longest code, request id and summary kept from an answer: an error stays one readable line. */
const MAX_CODE = 100;
const MAX_SUMMARY = 200;
const MAX_DESCRIPTION = 1000;

/** Cuts a string that is already redacted (cutting first could leave part of a secret). */
function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"' };

/** Decodes HTML character references, so a page's text reads (and redacts) as it displays. */
function decodeEntities(text: string): string {
  return text.replace(/&(?:#(x?)([\da-f]+)|(\w+));/gi, (entity, hex, code, name) => {
    if (!code) return ENTITIES[name] ?? entity;
    const point = Number.parseInt(code, hex ? 16 : 10);
    return point > 0 && point < 0x110000 ? String.fromCodePoint(point) : entity;
  });
}

/**
 * A short, readable line from a body that is not JSON (an HTML error page, say). Redacted before
 * it is cut: a secret across the cut would otherwise show all but its last characters.
 */
function summarize(text: string, redact: Redact): string {
  const plain = decodeEntities(
    text.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' '),
  )
    .replace(/\s+/g, ' ')
    .trim();
  return cut(redact(plain), MAX_SUMMARY);
}

/** Whether an answer is a redirect (a browser's `redirect: 'manual'` shows one as status 0). */
export function isRedirect(status: number): boolean {
  return status === 0 || (status >= 300 && status < 400);
}

/**
 * Turns an error answer into a {@link WazzupApiError}: JSON `{error, description, data?,
 * requestId?}`, an empty body or an HTML page all give a code worth switching on. Everything the
 * server wrote (code, description, data keys and values, request id) goes through `redact`.
 */
export function errorFromAnswer(answer: RawAnswer, redact: Redact): WazzupApiError {
  const { status, headers, text } = answer;
  const header = headers.get('x-request-id');
  const headerRequestId = header === null ? undefined : cut(redact(header), MAX_CODE);
  if (isRedirect(status)) {
    // The API never redirects; one that does is a proxy or a hostile host, and following it would
    // send the message (and the key) elsewhere, or turn the POST into a GET that "succeeds".
    return new WazzupApiError({
      status,
      code: 'UNEXPECTED_REDIRECT',
      description: `HTTP ${status}: a redirect, not followed (the API never redirects)`,
      requestId: headerRequestId,
    });
  }
  const body = v.safeParse(ErrorResponseSchema, parseJson(text));
  if (body.success) {
    const { error, description, data, requestId } = body.output;
    const code = cut(redact(normalizeCode(error)), MAX_CODE);
    return new WazzupApiError({
      status,
      code,
      description: cut(redact(description ?? code), MAX_DESCRIPTION),
      data: redactDeep(data, redact),
      requestId: requestId === undefined ? headerRequestId : cut(redact(requestId), MAX_CODE),
    });
  }
  const summary = summarize(text, redact);
  const wasCut = answer.truncated ? ' (the body went on past the read limit and was cut)' : '';
  return new WazzupApiError({
    status,
    code: codeForStatus(status),
    description: summary
      ? `HTTP ${status}: ${summary}${wasCut}`
      : `HTTP ${status} with an empty body`,
    requestId: headerRequestId,
  });
}
