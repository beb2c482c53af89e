// The page's script: a form that sends one message through the Worker's proxy with
// @wazzup-sdk/browser (validation runs here first, so a bad number fails without a request), and
// under each message sent, its status timeline as the Worker's webhooks recorded it, with the
// incoming messages as they come.
import {
  createProxySender,
  type SendMessageRequest,
  WazzupError,
  WazzupValidationError,
} from '@wazzup-sdk/browser';
import type { AutoReplyLog } from '@wazzup-sdk/example-report/auto-reply';

// Same-origin proxy: the session cookie the Worker set authorises the call; no key in the page.
const wazzup = createProxySender({ proxyUrl: '/api/send' });

const form = document.querySelector<HTMLFormElement>('#send');
const output = document.querySelector<HTMLOutputElement>('#result');
const sentList = document.querySelector<HTMLOListElement>('#sent');
const incomingList = document.querySelector<HTMLUListElement>('#incoming');
if (!form || !output || !sentList || !incomingList) throw new Error('the page lacks its form');
const channels = JSON.parse(form.dataset.channels ?? '{}') as Record<string, string>;

/** Adds a sent message to the list, with an empty timeline the webhooks fill in. */
function listSent(messageId: string, text: string): void {
  const item = document.createElement('li');
  item.dataset.messageId = messageId;
  item.textContent = text;
  const timeline = document.createElement('span');
  timeline.className = 'timeline';
  timeline.textContent = 'waiting for its status…';
  item.append(timeline);
  sentList?.append(item);
}

/** Shows what the webhooks have brought: each listed message's timeline, and new incoming ones. */
function show(log: AutoReplyLog): void {
  for (const item of sentList?.querySelectorAll<HTMLLIElement>('li') ?? []) {
    const statuses = log.timelines[item.dataset.messageId ?? ''];
    const timeline = item.querySelector('.timeline');
    if (statuses && timeline) timeline.textContent = statuses.join(' → ');
  }
  for (const message of log.incoming.slice(incomingList?.children.length ?? 0)) {
    const item = document.createElement('li');
    item.dataset.messageId = message.messageId;
    item.textContent = `${message.chatType} ${message.chatId}: ${message.text}`;
    incomingList?.append(item);
  }
}

// Polls the Worker's record of its webhooks; a real app might use a WebSocket or SSE instead.
async function poll(): Promise<void> {
  try {
    const response = await fetch('/api/events');
    if (response.ok) show((await response.json()) as AutoReplyLog);
  } catch {}
  setTimeout(poll, 250);
}
void poll();

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const fields = new FormData(form);
  const chatType = String(fields.get('chatType')) as 'whatsapp' | 'telegram' | 'instagram';
  const message = {
    channelId: channels[chatType] ?? '',
    chatType,
    chatId: String(fields.get('chatId')).trim(),
    text: String(fields.get('text')),
  } as SendMessageRequest;
  output.dataset.state = 'sending';
  output.textContent = 'Sending…';
  try {
    const result = await wazzup.messages.send(message);
    output.dataset.state = 'sent';
    if (result.status === 'sent') {
      output.textContent = `Sent: ${result.messageId}`;
      listSent(result.messageId, `${chatType} ${message.chatId}: ${String(fields.get('text'))}`);
    } else output.textContent = `Already sent: ${result.crmMessageId}`;
  } catch (error) {
    output.dataset.state = 'error';
    if (error instanceof WazzupValidationError)
      output.textContent = `Not sent: ${error.code} (${error.field})`;
    else if (error instanceof WazzupError && 'code' in error)
      output.textContent = `Not sent: ${String(error.code)}`;
    else output.textContent = `Not sent: ${String(error)}`;
  }
});
