// The webhook delivery cases every example app is tested with, on its own runtime (deno test,
// bun test, workerd, Node): the fake API delivers real HTTP webhooks to the app's auto-reply and
// each case checks what the app answered and what its handlers did. Plain TypeScript with no
// test runner in it, so each runtime's own runner runs the same list.
import type { Wazzup } from '@wazzup-sdk/core';
import { webhookAddress } from '@wazzup-sdk/core/webhooks';
import {
  DEMO_API_KEY,
  DEMO_CHANNEL_IDS,
  DEMO_CHANNELS,
  type WazzupMock,
  type WazzupMockOptions,
} from '@wazzup-sdk/mock';
import { type AutoReplyLog, contactFor } from './auto-reply.ts';
import { waitUntil } from './report.ts';

/** The app under test, as a case reaches it. */
export interface WebhookApp {
  /** The app's webhook address, without its token. */
  address: string;
  /** The secret the app expects in the address's `token` parameter. */
  token: string;
  /** What the app's auto-reply has recorded so far. */
  log(): Promise<AutoReplyLog>;
  /** The app answers 200 at once and runs its handlers after (a Worker's `ctx.waitUntil`). */
  background: boolean;
}

/** What each case is given: the app, the fake API that delivers to it, and a client of that API. */
export interface WebhookCaseContext extends WebhookApp {
  mock: WazzupMock;
  wazzup: Wazzup;
}

/** The context of a case against an app whose receiver runs in this process (Node, Deno, Bun). */
export function localContext(
  mock: WazzupMock,
  wazzup: Wazzup,
  token: string,
  receiver: { address: string; log(): AutoReplyLog },
): WebhookCaseContext {
  const { address } = receiver;
  return { mock, wazzup, token, address, log: async () => receiver.log(), background: false };
}

/** One delivery case; `run` throws when the app does not behave. */
export interface WebhookCase {
  name: string;
  run(context: WebhookCaseContext): Promise<void>;
}

/**
 * How long the app under test lets its handlers run before it answers 503: a loaded CI machine
 * took over 400 ms for the batch case's two replies.
 */
export const APP_HANDLER_TIMEOUT_MS = 1000;

/** The fake API the cases run against: the demo account, quick timelines and retries. */
export const WEBHOOK_MOCK_OPTIONS: WazzupMockOptions = {
  apiKeys: [DEMO_API_KEY],
  channels: DEMO_CHANNELS,
  webhooks: {
    // Scaled with APP_HANDLER_TIMEOUT_MS: the slow case's last retry must come after its first copy ends.
    retryDelaysMs: [250, 750, 3750],
    statusDelays: { sent: 10, delivered: 20, read: 30 },
  },
};

function same(actual: unknown, expected: unknown, what: string): void {
  const [a, e] = [JSON.stringify(actual), JSON.stringify(expected)];
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

/** Polls the app's record until `done` holds; throws with the record after 10 s. */
async function waitFor(
  context: WebhookCaseContext,
  done: (log: AutoReplyLog) => boolean,
  what: string,
): Promise<AutoReplyLog> {
  let log = await context.log();
  const seen = async () => {
    log = await context.log();
    return done(log);
  };
  await waitUntil(seen, 10_000).catch(() => {
    throw new Error(`${what}: not seen; the app has ${JSON.stringify(log)}`);
  });
  return log;
}

/** Registers the app's address with every subscription; the fake API probes it first. */
const subscribe = (context: WebhookCaseContext) =>
  context.wazzup.webhooks.set({
    uri: webhookAddress(context.address, context.token),
    subscriptions: {
      messagesAndStatuses: true,
      contactsAndDealsCreation: true,
      channelsUpdates: true,
      templateStatus: true,
    },
  });

const now = () => new Date().toISOString();
const incoming = (fields: Record<string, unknown> = {}) => ({
  messageId: crypto.randomUUID(),
  channelId: DEMO_CHANNEL_IDS.whatsapp,
  chatType: 'whatsapp',
  chatId: '79011112233',
  dateTime: now(),
  type: 'text',
  status: 'inbound',
  isEcho: false,
  text: 'Hello?',
  ...fields,
});
const status = (value: string, messageId: string = crypto.randomUUID()) => ({
  messageId,
  timestamp: now(),
  status: value,
});

/**
 * A good delivery after the ones a case expects to be refused (401, 413, 400), which never start
 * a handler: once the app has handled it, "nothing else ran" is checked without a sleep.
 */
async function sentinel(context: WebhookCaseContext): Promise<AutoReplyLog> {
  const item = status('read');
  const attempt = await context.mock.deliverWebhook({ statuses: [item] });
  same(attempt.outcome, 200, 'the sentinel delivery');
  const event = `status ${item.messageId} read`;
  return waitFor(context, (log) => log.events.includes(event), 'the sentinel');
}

/** The fake API's answers to the replies to one incoming message. */
const repliesTo = (context: WebhookCaseContext, messageId: string) =>
  context.mock.requests.filter(
    (request) =>
      request.path === '/v3/message' &&
      (request.body as { crmMessageId?: unknown } | undefined)?.crmMessageId ===
        `reply-${messageId}`,
  );

/** Every case, in the order the issue lists them. */
export const WEBHOOK_CASES: readonly WebhookCase[] = [
  {
    name: 'the probe: setting the address is answered 200 and runs no handler',
    async run(context) {
      await subscribe(context); // rejects unless the app answered the fake API's probe 200
      same((await context.mock.deliverWebhook({ test: true })).outcome, 200, 'a second probe');
      const log = await sentinel(context);
      same(log.events.length, 1, 'events besides the sentinel');
    },
  },
  {
    name: 'a batch of messages and statuses is handled in delivery order; each message is answered in its chat',
    async run(context) {
      await subscribe(context);
      const first = incoming();
      const second = incoming({
        channelId: DEMO_CHANNEL_IDS.telegram,
        chatType: 'telegram',
        chatId: '3f5e1a2b-telegram-chat',
        contact: { username: 'wazzup_demo', phone: '79011112233' },
      });
      const [delivered, read] = [status('delivered'), status('read')];
      const attempt = await context.mock.deliverWebhook({
        messages: [first, second],
        statuses: [delivered, read],
      });
      same(attempt.outcome, 200, 'the batch');
      const expected = [
        `message ${first.messageId} incoming whatsapp text`,
        `message ${second.messageId} incoming telegram text`,
        `status ${delivered.messageId} delivered`,
        `status ${read.messageId} read`,
      ];
      const log = await waitFor(
        context,
        (log) => expected.every((event) => log.events.includes(event)) && log.replies.length === 2,
        'the batch and its two replies',
      );
      same(
        log.events.filter((event) => expected.includes(event)),
        expected,
        'the order handled',
      );
      for (const message of [first, second]) {
        const [reply] = repliesTo(context, message.messageId);
        same(
          reply?.body,
          {
            channelId: message.channelId,
            chatType: message.chatType,
            chatId: message.chatId,
            text: 'Thanks for writing! It arrives tomorrow.',
            crmMessageId: `reply-${message.messageId}`,
          },
          `the reply to ${message.chatType}`,
        );
      }
      // And a send's own timeline, as the fake API delivers it.
      const sent = await context.wazzup.messages.send({
        channelId: DEMO_CHANNEL_IDS.whatsapp,
        chatType: 'whatsapp',
        chatId: '79011112233',
        text: 'Your order has shipped',
      });
      if (sent.status !== 'sent') throw new Error(`the send was ${sent.status}`);
      const timeline = (log: AutoReplyLog) => log.timelines[sent.messageId] ?? [];
      const done = await waitFor(context, (log) => timeline(log).length === 3, 'a timeline');
      same(timeline(done), ['sent', 'delivered', 'read'], 'the timeline');
    },
  },
  {
    name: 'unknown values are kept: a new chat type, message type, status, state and section',
    async run(context) {
      await subscribe(context);
      const echo = incoming({
        chatType: 'futurechat',
        type: 'sticker_v2',
        status: 'played',
        isEcho: true,
        reactions: ['👍'],
      });
      const queued = status('Queued');
      const channelId = DEMO_CHANNEL_IDS.whatsapp;
      const attempt = await context.mock.deliverWebhook({
        messages: [echo],
        statuses: [queued],
        channelsUpdates: [{ channelId, state: 'migrating', timestamp: Date.now() }],
        futureSection: [{ anything: 1 }],
      });
      same(attempt.outcome, 200, 'the delivery');
      const expected = [
        `message ${echo.messageId} echo futurechat sticker_v2`,
        `status ${queued.messageId} queued`,
        `channel ${channelId} migrating`,
        'unknown futureSection',
      ];
      const log = await waitFor(
        context,
        (log) => expected.every((event) => log.events.includes(event)),
        'the unknown values',
      );
      same(log.events, expected, 'the events');
      same(log.errors, [], 'the errors');
      same(log.replies, [], 'replies (an echo is not answered)');
    },
  },
  {
    name: 'a malformed item beside good ones: the good ones are handled, the bad one reported',
    async run(context) {
      await subscribe(context);
      const [before, after] = [status('sent'), status('delivered')];
      const attempt = await context.mock.deliverWebhook({
        statuses: [before, { messageId: 42, status: ['read'] }, after],
      });
      same(attempt.outcome, 200, 'the delivery');
      const expected = [`status ${before.messageId} sent`, `status ${after.messageId} delivered`];
      const log = await waitFor(
        context,
        (log) => expected.every((event) => log.events.includes(event)) && log.errors.length > 0,
        'the good items and the error',
      );
      same(log.events, expected, 'the events');
      same(log.errors, ['WazzupWebhookError'], 'the errors');
    },
  },
  {
    name: 'a wrong or missing secret is answered 401 and runs no handler',
    async run(context) {
      await subscribe(context);
      const body = { statuses: [status('read')], messages: [incoming()] };
      const wrong = webhookAddress(context.address, 'not-the-token-0123456789abcdef');
      same((await context.mock.deliverWebhook(body, { uri: wrong })).outcome, 401, 'wrong token');
      same(
        (await context.mock.deliverWebhook(body, { uri: context.address })).outcome,
        401,
        'no token',
      );
      const refused = await context.wazzup.webhooks.set({ uri: wrong }).then(
        () => undefined,
        (error: unknown) => error,
      );
      same((refused as { code?: unknown })?.code, 'testPostNotPassed', 'setting a wrong address');
      const log = await sentinel(context);
      same(log.events.length, 1, 'events besides the sentinel');
      same(repliesTo(context, body.messages[0]?.messageId ?? '').length, 0, 'replies sent');
    },
  },
  {
    name: 'a body over the size cap is answered 413, and one that is not JSON 400; neither runs a handler',
    async run(context) {
      await subscribe(context);
      const huge = JSON.stringify({ statuses: [status('read')], padding: 'x'.repeat(1_100_000) });
      same((await context.mock.deliverWebhook(huge)).outcome, 413, 'the oversized body');
      same((await context.mock.deliverWebhook('{"statuses": [')).outcome, 400, 'the broken JSON');
      const log = await sentinel(context);
      same(log.events.length, 1, 'events besides the sentinel');
    },
  },
  {
    name: 'a repeated delivery is dropped: each item is handled, and answered, once',
    async run(context) {
      await subscribe(context);
      const message = incoming({ chatId: '79033334455' });
      const delivered = status('delivered');
      const body = { messages: [message], statuses: [delivered] };
      same((await context.mock.deliverWebhook(body)).outcome, 200, 'the first delivery');
      await waitFor(context, (log) => log.replies.length === 1, 'the reply');
      // The repeat carries one new item last: once it is handled, the repeated ones before it in
      // the same delivery have been dropped or handled, in the background too.
      const marker = status('read');
      const repeat = { ...body, statuses: [delivered, marker] };
      same((await context.mock.deliverWebhook(repeat)).outcome, 200, 'the repeat');
      const markerEvent = `status ${marker.messageId} read`;
      const log = await waitFor(context, (log) => log.events.includes(markerEvent), 'the new item');
      // The reply's own timeline comes in between; count only what the delivery held.
      const mine = log.events.filter(
        (event) => event.includes(message.messageId) || event.includes(delivered.messageId),
      );
      same(mine.length, 2, 'events handled of the delivery: the message and the status');
      same(repliesTo(context, message.messageId).length, 1, 'replies sent');
    },
  },
  {
    name: 'createContact is answered with the entity the app made, and the fake API keeps it',
    async run(context) {
      await subscribe(context);
      const request = {
        responsibleUserId: 'u1',
        name: 'Anna',
        contactData: [{ chatType: 'whatsapp', chatId: '79044445566' }],
        source: 'auto',
      };
      const entity = await context.mock.requestEntity('createContact', request);
      const expected = contactFor(request);
      same(entity, expected, 'the answer');
      same((await context.wazzup.contacts.get(expected.id))?.name, 'Anna', 'the stored contact');
      await waitFor(context, (log) => log.events.includes('createContact'), 'the event');
    },
  },
  {
    name: 'a slow handler is cut off with 503; repeats while it runs are not acknowledged, the one after it is (in the background, 200 at once); the reply goes once',
    async run(context) {
      await subscribe(context);
      // The reply's send is the fake API's next request: make it slower than the app waits.
      context.mock.faults.enqueue({ kind: 'delay', ms: APP_HANDLER_TIMEOUT_MS * 4 });
      const messageId = await context.mock.receive({
        channelId: DEMO_CHANNEL_IDS.whatsapp,
        chatType: 'whatsapp',
        chatId: '79055556677',
        text: 'Is anyone there?',
      });
      const outcomes = context.mock.webhookDeliveries
        .filter((attempt) => JSON.stringify(attempt.body).includes(messageId))
        .map((attempt) => attempt.outcome);
      if (context.background) same(outcomes, [200], 'the attempts answered');
      else {
        // 503 past the time limit, 503 (in progress) while the first copy still runs, then 200.
        same(outcomes.at(-1), 200, 'the last attempt answered');
        same(
          outcomes.slice(0, -1).every((outcome) => outcome === 503),
          true,
          'the attempts before',
        );
      }
      // Wait for the reply's one send to be answered.
      const sends = 1;
      const answered = () =>
        repliesTo(context, messageId).filter((request) => typeof request.outcome === 'number')
          .length >= sends;
      await waitUntil(answered, 10_000).catch(() => {
        throw new Error('the reply was not sent');
      });
      same(repliesTo(context, messageId).length, sends, 'sends of the reply');
      same(context.mock.deliveriesOf(`reply-${messageId}`), 1, 'replies delivered');
      if (!context.background) {
        const log = await context.log();
        same(log.errors.includes('WazzupWebhookTimeoutError'), true, 'the timeout reported');
      }
    },
  },
];
