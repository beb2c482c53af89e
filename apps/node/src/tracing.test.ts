import { context, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { createWazzup } from '@wazzup-sdk/core';
import { DEMO_API_KEY, DEMO_CHANNEL_IDS, DEMO_CHANNELS } from '@wazzup-sdk/mock';
import { serveWazzupMock } from '@wazzup-sdk/mock/node';
import { afterAll, describe, expect, it } from 'vitest';
import { tracingHooks } from './tracing';

const manager = new AsyncLocalStorageContextManager().enable();
context.setGlobalContextManager(manager);
afterAll(() => {
  context.disable();
});

describe('OpenTelemetry spans from the client hooks', () => {
  it('a span per attempt under the caller’s span, a retry its own, a wait for a slot its own', async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({
      spanProcessors: [new SimpleSpanProcessor(exporter)],
    });
    const tracer = provider.getTracer('test');
    const served = await serveWazzupMock({ apiKeys: [DEMO_API_KEY], channels: DEMO_CHANNELS });
    try {
      served.mock.faults.enqueue({ kind: 'server-error', status: 503 });
      const wazzup = createWazzup({
        apiKey: DEMO_API_KEY,
        baseUrl: served.url,
        hooks: tracingHooks(tracer),
        // One request per 300 ms: the list after the send waits for its slot.
        rateLimit: { limit: 1, windowMs: 300 },
      });
      await tracer.startActiveSpan('checkout', async (parent) => {
        await wazzup.messages.send({
          channelId: DEMO_CHANNEL_IDS.whatsapp,
          chatType: 'whatsapp',
          chatId: '79011112233',
          text: 'Hi',
          crmMessageId: 'order-1042',
        });
        await wazzup.channels.list();
        parent.end();
      });
    } finally {
      await served.close();
    }

    const spans = exporter.getFinishedSpans();
    const parent = spans.find((span) => span.name === 'checkout');
    const sends = spans.filter((span) => span.name === 'wazzup POST /v3/message');
    const lists = spans.filter((span) => span.name === 'wazzup GET /v3/channels');
    const waits = spans.filter((span) => span.name === 'wazzup rate-limit wait');
    expect(sends.map((span) => span.attributes['http.response.status_code'])).toEqual([503, 201]);
    expect(sends.map((span) => span.attributes['http.request.resend_count'])).toEqual([0, 1]);
    // The fake API's 503 names a code of the service's, as the span's error type.
    expect(sends[0]?.status.code).toBe(SpanStatusCode.ERROR);
    expect(sends[0]?.attributes['error.type']).toBe(sends[0]?.status.message);
    expect(sends[1]?.status.code).toBe(SpanStatusCode.UNSET);
    expect(sends[1]?.attributes['wazzup.crm_message_id']).toBe('order-1042');
    expect(sends[0]?.kind).toBe(SpanKind.CLIENT);
    expect(lists).toHaveLength(1);
    expect(waits.length).toBeGreaterThanOrEqual(1);
    expect(Number(waits.at(-1)?.attributes['wazzup.wait_ms'])).toBeGreaterThan(0);
    // Every span is a child of the caller's.
    for (const span of [...sends, ...lists, ...waits]) {
      expect(span.parentSpanContext?.spanId).toBe(parent?.spanContext().spanId);
    }
    expect(JSON.stringify(spans.map((span) => span.attributes))).not.toContain(DEMO_API_KEY);
  });
});
