import { createWebhookHandler, parseWebhook, type WebhookEvent } from '@wazzup-sdk/core/webhooks';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sized } from './size';

// Fuzzing the receiving side: deliveries built from the documented shapes (with unknown fields
// and values mixed in) always parse into events, one per item; any bytes at all never crash the
// handler and never reach a handler.

const runs = sized(500, 20_000);
const TOKEN = 'fuzz-token-0123456789abcdef';

const anyString = fc.string({ maxLength: 20 });
const extra = fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.jsonValue(), {
  maxKeys: 3,
});
const message = fc
  .record({
    messageId: fc.uuid(),
    channelId: fc.uuid(),
    chatType: fc.oneof(fc.constantFrom('whatsapp', 'telegram', 'instagram', 'maxgroup'), anyString),
    chatId: anyString,
    dateTime: fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
    type: fc.oneof(fc.constantFrom('text', 'image', 'wapi_template', 'missing_call'), anyString),
    status: fc.oneof(fc.constantFrom('inbound', 'sent', 'READ', 'error'), anyString),
    text: anyString,
    isEcho: fc.boolean(),
    isEdited: fc.boolean(),
  })
  .chain((item) => extra.map((more) => ({ ...more, ...item })));
const status = fc.record({
  messageId: fc.uuid(),
  timestamp: fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  status: fc.oneof(fc.constantFrom('sent', 'delivered', 'read', 'error', 'edited'), anyString),
});
const channel = fc.record({
  channelId: fc.uuid(),
  state: fc.oneof(fc.constantFrom('active', 'qr', 'qridle', 'blocked'), anyString),
  timestamp: fc.nat(),
});
const delivery = fc.oneof(
  fc.record(
    { messages: fc.array(message, { maxLength: 5 }), statuses: fc.array(status, { maxLength: 5 }) },
    { requiredKeys: [] },
  ),
  fc.record({ channelsUpdates: fc.array(channel, { minLength: 1, maxLength: 3 }) }),
  fc.record({
    templateStatus: fc.record({ templateGuid: fc.uuid(), name: anyString, status: anyString }),
  }),
);

describe('fuzzing the webhook side', () => {
  it('parses every documented delivery into one event per item, never invalid', () => {
    fc.assert(
      fc.property(delivery, (body) => {
        const events = parseWebhook(body);
        const items = Object.values(body).reduce<number>(
          (count, value) => count + (Array.isArray(value) ? value.length : 1),
          0,
        );
        expect(events).toHaveLength(items);
        expect(events.filter((event: WebhookEvent) => event.type === 'invalid')).toEqual([]);
      }),
      { numRuns: runs },
    );
  });

  it('never throws on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (body) => {
        expect(Array.isArray(parseWebhook(body))).toBe(true);
      }),
      { numRuns: runs },
    );
  });

  it('answers any bytes without crashing, and runs no handler for unauthenticated ones', async () => {
    let ran = 0;
    const handle = createWebhookHandler({
      token: TOKEN,
      onEvent: () => {
        ran++;
      },
    });
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 300 }),
        fc.boolean(),
        async (bytes, withToken) => {
          const url = `https://crm.example.com/hook${withToken ? `?token=${TOKEN}` : ''}`;
          const before = ran;
          const response = await handle(new Request(url, { method: 'POST', body: bytes }));
          expect([200, 400, 401, 500, 501]).toContain(response.status);
          if (!withToken) {
            expect(response.status).toBe(401);
            expect(ran).toBe(before);
          }
        },
      ),
      { numRuns: runs },
    );
  });
});
