// Times one receive-path contender in a process of its own (see receive.ts) and prints µs per
// delivery: a webhook delivery as a Request, answered in-process.
import {
  createWebhookHandler,
  safeEqual,
  WebhookMessageSchema,
  WebhookStatusSchema,
} from '@wazzup-sdk/core/webhooks';
import * as v from 'valibot';
import { RECEIVE_BARE, RECEIVE_FLOOR, RECEIVE_GUARDED, RECEIVE_SDK } from './receive-names';

const TOKEN = 'bench-webhook-token-0123456789';
const URL = `https://crm.example.com/wazzup?token=${TOKEN}`;

/** A delivery as the service sends it: one incoming message and one status, each new. */
function delivery(n: number): string {
  return JSON.stringify({
    messages: [
      {
        messageId: `0f4c1d9e-1111-4a4a-8b8b-${String(n).padStart(12, '0')}`,
        channelId: '1b7e0ab2-0c1f-4a5e-9d3a-6f2c1e4b8a01',
        chatType: 'whatsapp',
        chatId: '79011112233',
        dateTime: '2026-12-01T08:00:00.000Z',
        type: 'text',
        status: 'inbound',
        text: 'Where is my order?',
        isEcho: false,
        contact: { name: 'Anna' },
      },
    ],
    statuses: [
      {
        messageId: `f66c53a6-957a-46b2-b41b-${String(n).padStart(12, '0')}`,
        timestamp: '2026-12-01T08:00:01.000Z',
        status: 'delivered',
      },
    ],
  });
}

/** Settles as `work` does, or rejects once `ms` have passed: one timer, cleared when it is done. */
function limited<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('late')), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** The handlers' units, claimed and done: a Map, turned over whole at its bound. */
function claims(bound: number) {
  let current = new Map<string, boolean>();
  let previous = new Map<string, boolean>();
  return {
    /** Whether the unit is new: then it is claimed. */
    claim(key: string): boolean {
      if (current.has(key) || previous.has(key)) return false;
      current.set(key, false);
      return true;
    },
    done(key: string): void {
      current.set(key, true);
      if (current.size >= bound) {
        previous = current;
        current = new Map();
      }
    },
  };
}

function contender(name: string): (request: Request) => Promise<Response> {
  switch (name) {
    case RECEIVE_BARE:
      // The least a receiver does: read the JSON, answer 200.
      return async (request) => {
        await request.json();
        return Response.json({ ok: true });
      };
    case RECEIVE_FLOOR:
      // What the stack alone costs a receiver that checks: the token compared, every item parsed
      // with the SDK's exported schemas (valibot), then 200. No dedupe, no time limits.
      return async (request) => {
        const given = new globalThis.URL(request.url).searchParams.get('token') ?? '';
        if (!safeEqual(given, TOKEN)) return new Response(null, { status: 401 });
        const body = (await request.json()) as { messages: unknown[]; statuses: unknown[] };
        for (const item of body.messages) v.parse(WebhookMessageSchema, item);
        for (const item of body.statuses) v.parse(WebhookStatusSchema, item);
        return Response.json({ ok: true });
      };
    case RECEIVE_GUARDED: {
      // The same checks, and the promises the SDK's receiver keeps, by hand (see receive-names.ts).
      const store = claims(5_000);
      const onMessage = async (_item: unknown) => {};
      const onStatus = async (_item: unknown) => {};
      const unit = async (
        key: string,
        handler: (item: unknown) => Promise<void>,
        item: unknown,
      ) => {
        if (!store.claim(key)) return;
        await handler(item);
        store.done(key);
      };
      return async (request) => {
        const given = new globalThis.URL(request.url).searchParams.get('token') ?? '';
        if (!safeEqual(given, TOKEN)) return new Response(null, { status: 401 });
        const body = JSON.parse(await limited(request.text(), 10_000)) as {
          messages: unknown[];
          statuses: unknown[];
        };
        const messages = body.messages.map((item) => v.parse(WebhookMessageSchema, item));
        const statuses = body.statuses.map((item) => v.parse(WebhookStatusSchema, item));
        const run = async () => {
          for (const item of messages) await unit(`onMessage:${item.messageId}`, onMessage, item);
          for (const item of statuses) {
            await unit(`onStatus:${item.messageId}:${item.status}`, onStatus, item);
          }
        };
        await limited(run(), 25_000);
        return Response.json({ ok: true });
      };
    }
    case RECEIVE_SDK:
      return createWebhookHandler({ token: TOKEN, onMessage: () => {}, onStatus: () => {} });
    default:
      throw new Error(`no receive contender ${name}`);
  }
}

const [name = '', countText = '20000'] = process.argv.slice(2);
const count = Number(countText);
const handle = contender(name);
// Every delivery new, so the dedupe store claims and completes each (and turns over at its cap).
// Made as each is sent: a prebuilt array of them would grow the heap every collection walks.
// With its length declared, as a delivery that came over HTTP carries it.
const init = (body: string): RequestInit => ({
  method: 'POST',
  body,
  headers: {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
  },
});
const once = async (n: number) => {
  const response = await handle(new Request(URL, init(delivery(n))));
  if (response.status !== 200) throw new Error(`${name} answered ${response.status}`);
};
for (let n = 0; n < count; n++) await once(n);
const started = performance.now();
for (let n = count; n < count * 2; n++) await once(n);
process.stdout.write(String(((performance.now() - started) * 1000) / count));
