// The example apps' auto-reply, the same on every runtime: it answers an incoming message in the
// chat the webhook names, ignores echoes, creates the CRM contact the service asks for, and
// records what it saw so the app (and its tests, and the browser page) can show it. Only the
// serving differs per runtime: Node through an adapter, Deno.serve, Bun.serve, a Worker's fetch.
import type { ContactInput, WazzupSender } from '@wazzup-sdk/core';
import type { WebhookEvent, WebhookHandlers } from '@wazzup-sdk/core/webhooks';
import type { WazzupMock } from '@wazzup-sdk/mock';
import { waitUntil } from './report.ts';

/** The text every example answers with. */
export const REPLY_TEXT = 'Thanks for writing! It arrives tomorrow.';

/** The part of a client the auto-reply sends with (any runtime package's `createWazzup`). */
export type ReplySender = WazzupSender;

/** One thing the auto-reply saw or did, as it records it (plain JSON, so a Worker can keep it in KV). */
export type AutoReplyEntry =
  /** Every event a handler ran for, as `describeEvent` words it. */
  | { kind: 'event'; event: string }
  | { kind: 'status'; messageId: string; status: string }
  | { kind: 'incoming'; messageId: string; chatType: string; chatId: string; text: string }
  | { kind: 'reply'; messageId: string; to: string }
  /** A malformed item, a handler that threw or ran too long, by the error's name. */
  | { kind: 'error'; error: string };

/** What the auto-reply recorded, summed up. */
export interface AutoReplyLog {
  /** Every event handled, in the order handled. */
  events: string[];
  errors: string[];
  /** Each message's statuses, in the order they came. */
  timelines: Record<string, string[]>;
  incoming: Extract<AutoReplyEntry, { kind: 'incoming' }>[];
  /** The ids of the replies sent. */
  replies: string[];
}

/** An event in one line, e.g. `status <id> delivered` or `message <id> incoming whatsapp`. */
export function describeEvent(event: WebhookEvent): string {
  switch (event.type) {
    case 'message':
      return `message ${event.message.messageId} ${event.incoming ? 'incoming' : 'echo'} ${event.message.chatType} ${event.message.type}`;
    case 'status':
      return `status ${event.status.messageId} ${event.status.status}`;
    case 'channel':
      return `channel ${event.channel.channelId} ${event.channel.state}`;
    case 'template':
      return `template ${event.template.templateGuid} ${event.template.status}`;
    case 'unknown':
      return `unknown ${event.section}`;
    case 'invalid':
      return `invalid ${event.error.section}[${event.error.index}]`;
    default:
      return event.type;
  }
}

/** Sums up the entries, in the order they were recorded. */
export function summarize(entries: readonly AutoReplyEntry[]): AutoReplyLog {
  const log: AutoReplyLog = { events: [], errors: [], timelines: {}, incoming: [], replies: [] };
  for (const entry of entries) {
    if (entry.kind === 'event') log.events.push(entry.event);
    else if (entry.kind === 'error') log.errors.push(entry.error);
    else if (entry.kind === 'incoming') log.incoming.push(entry);
    else if (entry.kind === 'reply') log.replies.push(entry.messageId);
    else log.timelines[entry.messageId] = [...(log.timelines[entry.messageId] ?? []), entry.status];
  }
  return log;
}

/**
 * The CRM contact to answer the service's create-contact request with: one per chat, the id made
 * from the first chat so a repeated request names the same contact.
 */
export function contactFor(request: {
  responsibleUserId: string;
  name?: string | undefined;
  contactData: { chatType: string; chatId: string }[];
}): ContactInput {
  const first = request.contactData[0];
  return {
    id: `crm-${first?.chatType ?? 'contact'}-${first?.chatId ?? 'unknown'}`,
    responsibleUserId: request.responsibleUserId,
    name: request.name ?? 'New contact',
    contactData: request.contactData.map(({ chatType, chatId }) => ({ chatType, chatId })),
  } as ContactInput;
}

/** The handlers the auto-reply sets. */
export type AutoReplyHandlers = Required<
  Pick<WebhookHandlers, 'onMessage' | 'onStatus' | 'onCreateContact' | 'onEvent' | 'onError'>
>;

/**
 * The auto-reply's handlers, for `createWebhookHandler`. The reply's crmMessageId is made from the
 * incoming message's id, so a webhook delivered again (after a slow or failed answer) never
 * replies twice: the service answers the second send as a repeat.
 */
export function autoReplyHandlers(
  wazzup: ReplySender,
  record: (entry: AutoReplyEntry) => unknown,
): AutoReplyHandlers {
  return {
    onMessage: async ({ message, incoming }) => {
      if (!incoming) return; // an echo of a message sent from here
      const { messageId, chatType, chatId, text = '' } = message;
      await record({ kind: 'incoming', messageId, chatType, chatId, text });
      const reply = await wazzup.messages.send({
        channelId: message.channelId,
        chatType: message.chatType,
        chatId: message.chatId,
        text: REPLY_TEXT,
        crmMessageId: `reply-${message.messageId}`,
      });
      if (reply.status === 'sent') {
        await record({ kind: 'reply', messageId: reply.messageId, to: message.chatId });
      }
    },
    onStatus: ({ status }) =>
      record({
        kind: 'status',
        messageId: status.messageId,
        // An error names its code, e.g. `error: BAD_CONTACT`.
        status: status.error ? `${status.status}: ${status.error.error}` : status.status,
      }),
    onCreateContact: ({ request }) => contactFor(request),
    onEvent: (event) => record({ kind: 'event', event: describeEvent(event) }),
    onError: (error) => record({ kind: 'error', error: error.name }),
  };
}

/** An example's webhook receiver, as each runtime app serves the auto-reply. */
export interface Receiver {
  /** Its webhook address, without the token: register `webhookAddress(address, token)`. */
  address: string;
  log(): AutoReplyLog;
  close(): Promise<void>;
}

/** An auto-reply that keeps its record in memory (Node, Deno, Bun). */
export function createMemoryAutoReply(wazzup: ReplySender): {
  handlers: WebhookHandlers;
  log(): AutoReplyLog;
} {
  const entries: AutoReplyEntry[] = [];
  return {
    handlers: autoReplyHandlers(wazzup, (entry) => entries.push(entry)),
    log: () => summarize(entries),
  };
}

/** True once some reply the auto-reply sent has been read. */
export function isRead(log: AutoReplyLog): boolean {
  return log.replies.some((id) => log.timelines[id]?.includes('read'));
}

/** What an example prints of its auto-reply: each incoming message, then each reply's timeline. */
export function webhookLines(log: AutoReplyLog): string[] {
  return [
    ...log.incoming.map(({ chatType, chatId, text }) => `incoming ${chatType} ${chatId}: ${text}`),
    ...log.replies.map((id) => `reply ${id} ${log.timelines[id]?.join(' → ') ?? ''}`),
  ];
}

/**
 * How every example against the fake API ends: the Telegram contact it reached by username writes
 * back, and once the auto-reply's answer has been read, the lines to print (the incoming message,
 * then the reply's timeline). None when no Telegram message went out.
 */
export async function writeBack(
  mock: Pick<WazzupMock, 'messages' | 'receive'>,
  log: () => AutoReplyLog | Promise<AutoReplyLog>,
): Promise<string[]> {
  const telegram = mock.messages.find((message) => message.chatType === 'telegram');
  if (!telegram) return [];
  await mock.receive({
    channelId: telegram.channelId,
    chatType: 'telegram',
    chatId: telegram.chatId,
    text: 'Thanks! When will it arrive?',
    contact: { username: 'wazzup_demo' },
  });
  await waitUntil(async () => isRead(await log()));
  return webhookLines(await log());
}
