// OpenTelemetry spans from the client's hooks: a CLIENT span for each HTTP attempt (a retry is a
// span of its own, with its resend count), and one for each wait for a rate-limit slot, both
// children of whatever span is active where the call was made. The records come redacted, so no
// attribute can hold the key.
import { context, type Span, SpanKind, SpanStatusCode, type Tracer } from '@opentelemetry/api';
import type { WazzupHooks } from '@wazzup-sdk/core';

/** Hooks for `createWazzup({ hooks })` that trace every attempt with `tracer`. */
export function tracingHooks(tracer: Tracer): WazzupHooks {
  // The attempt in flight of each call: onResponse always follows its onRequest.
  const open = new Map<number, Span>();
  return {
    onRequest(record) {
      const span = tracer.startSpan(
        `wazzup ${record.route}`,
        {
          kind: SpanKind.CLIENT,
          attributes: {
            'http.request.method': record.method,
            'url.path': record.path,
            'http.request.resend_count': record.attempt - 1,
            'wazzup.route': record.route,
            ...(record.crmMessageId && { 'wazzup.crm_message_id': record.crmMessageId }),
          },
        },
        context.active(),
      );
      open.set(record.callId, span);
    },
    onResponse(record) {
      const span = open.get(record.callId);
      if (!span) return;
      open.delete(record.callId);
      if (record.status !== undefined)
        span.setAttribute('http.response.status_code', record.status);
      if (record.requestId) span.setAttribute('wazzup.request_id', record.requestId);
      if (record.code) {
        span.setAttribute('error.type', record.code);
        span.setStatus({ code: SpanStatusCode.ERROR, message: record.code });
      }
      span.end();
    },
    onRateLimitWait(record) {
      // Told when the wait is over: the span starts when it began.
      const end = Date.now();
      tracer
        .startSpan(
          'wazzup rate-limit wait',
          {
            startTime: end - record.waitMs,
            attributes: { 'wazzup.route': record.route, 'wazzup.wait_ms': record.waitMs },
          },
          context.active(),
        )
        .end(end);
    },
  };
}
