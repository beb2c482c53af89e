// `pnpm start`: starts the outbox example in workerd, enqueues messages over HTTP, waits for the
// queue consumer to send them, and prints one line per message in the format `pnpm demo` reads.

import { formatDelivered, formatRow, type ReportRow } from '@wazzup-sdk/example-report';
import { DEMO_CHANNEL_IDS } from '@wazzup-sdk/mock';
import { startOutboxApp } from './start';

/** What GET /messages/<id> answers: the outbox's status of the message. */
interface Status {
  state: 'queued' | 'sending' | 'sent' | 'dead' | 'outcome-unknown';
  messageId?: string;
  reason?: string;
  error?: { code?: string };
  timeline: { status: string }[];
}

const app = await startOutboxApp();
const real = !app.mock;
const whatsapp = real ? (process.env.WAZZUP_CHANNEL_ID ?? '') : DEMO_CHANNEL_IDS.whatsapp;
const chatId = process.env.WAZZUP_CHAT_ID ?? '79011112233';
const MESSAGES = [
  {
    what: 'WhatsApp text via the queue',
    expect: 'sent',
    body: { channelId: whatsapp, chatType: 'whatsapp', chatId, text: 'Queued, then sent once' },
  },
  ...(real
    ? []
    : [
        {
          what: 'Telegram by username via the queue',
          expect: 'sent',
          body: {
            channelId: DEMO_CHANNEL_IDS.telegram,
            chatType: 'telegram',
            username: 'durov',
            text: 'Hello from a queue consumer',
          },
        },
        {
          what: 'Blocked channel via the queue',
          expect: 'dead rejected CHANNEL_BLOCKED',
          body: {
            channelId: DEMO_CHANNEL_IDS.disabled,
            chatType: 'whatsapp',
            chatId,
            text: 'Never sent',
          },
        },
      ]),
  {
    what: 'Bad chatId, refused at enqueue',
    expect: 'error CHAT_INCORRECT_CHAT_ID_WHATSAPP',
    body: { channelId: whatsapp, chatType: 'whatsapp', chatId: '+7 901', text: 'x' },
  },
];

/**
 * Enqueues one message and waits (at most 30 s) for the outbox to settle it and, on the fake API,
 * for its status webhooks to reach `read`.
 */
async function track(body: unknown): Promise<string> {
  const response = await app.fetch('/messages', { method: 'POST', body: JSON.stringify(body) });
  const answer = (await response.json()) as { crmMessageId?: string; error?: string };
  if (!answer.crmMessageId) return `error ${answer.error}`;
  let status: Status | undefined;
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    status = (await (await app.fetch(`/messages/${answer.crmMessageId}`)).json()) as Status;
    const last = status.timeline.at(-1)?.status;
    if (status.state === 'sent' && (real || last === 'read')) {
      return `sent ${status.messageId ?? answer.crmMessageId}${last ? `, ${last}` : ''}`;
    }
    if (status.state === 'dead' || status.state === 'outcome-unknown') {
      return `${status.state} ${status.reason} ${status.error?.code ?? ''}`.trim();
    }
  }
  return `still ${status?.state ?? 'queued'} after 30 s`;
}

try {
  console.log(
    `Cloudflare-Workers (workerd: Queues + Durable Object) → ${real ? 'Wazzup API' : `fake Wazzup API at ${app.mock?.url}`}`,
  );
  const rows: ReportRow[] = [];
  for (const { what, expect, body } of MESSAGES) {
    const started = performance.now();
    const outcome = await track(body);
    const ok = expect === 'sent' ? outcome.startsWith('sent ') : outcome === expect;
    rows.push({ what, outcome, ok, ms: Math.round(performance.now() - started) });
    console.log(formatRow(rows.at(-1) as ReportRow));
  }
  if (app.mock) {
    console.log(formatDelivered(app.mock.mock.messages));
  }
  process.exitCode = rows.every((row) => row.ok) ? 0 : 1;
} finally {
  await app.close();
}
