import { describe, expect, it } from 'vitest';
import { WazzupApiError, WazzupError } from './classes';
import { errorFromAnswer, normalizeCode } from './map-response';
import { createRedactor } from './redact';

const noRedact = (text: string) => text;
const answer = (status: number, text: string, headers: Record<string, string> = {}) =>
  errorFromAnswer({ status, text, headers: new Headers(headers) }, noRedact);

describe('error answers become WazzupApiError', () => {
  it('reads a JSON body with data and requestId', () => {
    const error = answer(
      400,
      JSON.stringify({
        error: 'CHANNEL_NOT_FOUND',
        description: 'Channel not found',
        data: { channelId: 'x' },
        requestId: 'req-1',
      }),
    );
    expect(error).toBeInstanceOf(WazzupApiError);
    expect(error).toBeInstanceOf(WazzupError);
    expect(error).toMatchObject({
      status: 400,
      code: 'CHANNEL_NOT_FOUND',
      description: 'Channel not found',
      data: { channelId: 'x' },
      requestId: 'req-1',
    });
    expect(error.message).toBe('CHANNEL_NOT_FOUND (HTTP 400): Channel not found [request req-1]');
  });

  it('takes the request id from x-request-id when the body has none', () => {
    expect(answer(400, '{"error":"VALIDATION_ERROR"}', { 'x-request-id': 'hdr-7' }).requestId).toBe(
      'hdr-7',
    );
  });

  it('normalises REPEATED_CRM_MESSAGE_ID to the catalogue spelling', () => {
    expect(normalizeCode('REPEATED_CRM_MESSAGE_ID')).toBe('repeatedCrmMessageId');
    expect(answer(400, '{"error":"REPEATED_CRM_MESSAGE_ID"}').code).toBe('repeatedCrmMessageId');
  });

  it('reads 403 {"error":"FORBIDDEN"}', () => {
    expect(answer(403, '{"error":"FORBIDDEN"}')).toMatchObject({
      code: 'FORBIDDEN',
      description: 'FORBIDDEN',
    });
  });

  it('passes unknown codes through', () => {
    expect(answer(400, '{"error":"CHANNEL_LIMIT_EXCEEDED","description":"limit"}').code).toBe(
      'CHANNEL_LIMIT_EXCEEDED',
    );
    expect(answer(400, '{"error":"SOMETHING_NEW"}').code).toBe('SOMETHING_NEW');
  });

  it.each([
    [401, 'UNAUTHORIZED'],
    [403, 'FORBIDDEN'],
    [429, 'RATE_LIMITED'],
    [500, 'SERVER_ERROR'],
    [503, 'SERVER_ERROR'],
    [404, 'HTTP_ERROR'],
  ])('gives an empty %i the code %s', (status, code) => {
    const error = answer(status, '');
    expect(error.code).toBe(code);
    expect(error.description).toBe(`HTTP ${status} with an empty body`);
  });

  it('summarises an HTML error page', () => {
    const html =
      '<html><head><title>502 Bad Gateway</title><style>h1{}</style></head><body><h1>502 Bad Gateway</h1></body></html>';
    const error = answer(502, html, { 'content-type': 'text/html' });
    expect(error.code).toBe('SERVER_ERROR');
    expect(error.description).toBe('HTTP 502: 502 Bad Gateway 502 Bad Gateway');
  });

  it('keeps a huge or truncated body from flooding the message', () => {
    expect(answer(500, `{"error": "UNKNOWN_ERR`).code).toBe('SERVER_ERROR');
    expect(answer(500, 'x'.repeat(100_000)).description.length).toBeLessThan(220);
  });

  it('reads the code nested as { error: { code } }, as the iframe route answers', () => {
    expect(
      answer(400, '{"error":{"code":"VALIDATION_ERROR","message":"bad scope"}}'),
    ).toMatchObject({
      code: 'VALIDATION_ERROR',
      status: 400,
    });
  });

  it('reads newer bodies with status, requestId and data.fields', () => {
    const body = {
      status: 400,
      requestId: '7ca6',
      error: 'INVALID_MESSAGE_DATA',
      description: 'Message data is invalid',
      data: { fields: ['channelId'] },
    };
    expect(answer(400, JSON.stringify(body))).toMatchObject({
      code: 'INVALID_MESSAGE_DATA',
      requestId: '7ca6',
      data: { fields: ['channelId'] },
    });
  });

  it('treats JSON without an error field as unexplained', () => {
    expect(answer(400, '{"message":"bad"}').code).toBe('HTTP_ERROR');
    expect(answer(400, '[1,2]').code).toBe('HTTP_ERROR');
  });

  it("reads a redirect as UNEXPECTED_REDIRECT, a browser's opaque one (status 0) too", () => {
    for (const status of [0, 301, 302, 307, 308]) {
      expect(answer(status, '')).toMatchObject({ code: 'UNEXPECTED_REDIRECT', status });
    }
  });

  it('decodes character references in an HTML page', () => {
    expect(answer(502, '<p>&lt;Bad&gt; &amp; &#71;&#x61;teway &bogus;</p>').description).toBe(
      'HTTP 502: <Bad> & Gateway &bogus;',
    );
  });
});

describe('every field the server writes is redacted', () => {
  const KEY = 'sk-live-0123456789abcdef0123456789abcdef';
  const redacted = (status: number, text: string, headers: Record<string, string> = {}) =>
    errorFromAnswer({ status, text, headers: new Headers(headers) }, createRedactor([KEY]));

  it('the code, description, data keys and values, and request id from body or header', () => {
    const body = {
      error: `Invalid token Bearer ${KEY}`,
      description: KEY,
      data: { [KEY]: [KEY] },
      requestId: KEY,
    };
    const error = redacted(401, JSON.stringify(body));
    expect(error.code).toBe('Invalid token Bearer [redacted]');
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain(KEY);
    const fromHeader = redacted(401, '', { 'x-request-id': `req ${KEY}` });
    expect(fromHeader.requestId).toBe('req [redacted]');
  });

  it('before a summary is cut, so a key across the cut leaves nothing of itself', () => {
    for (let at = 150; at < 210; at++) {
      const error = redacted(502, `${'x'.repeat(at)}${KEY}`);
      expect(error.description).not.toContain(KEY.slice(0, 12));
    }
  });
});
