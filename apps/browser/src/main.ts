// The page's script: a form that sends one message through the Worker's proxy with
// @wazzup-sdk/browser. Validation runs here first, so a bad number fails without a request.
import {
  createWazzup,
  type SendMessageRequest,
  WazzupError,
  WazzupValidationError,
} from '@wazzup-sdk/browser';

// Same-origin proxy: the session cookie the Worker set authorises the call; no key in the page.
const wazzup = createWazzup({ proxyUrl: '/api/send' });

const form = document.querySelector<HTMLFormElement>('#send');
const output = document.querySelector<HTMLOutputElement>('#result');
if (!form || !output) throw new Error('the page lacks its form');
const channels = JSON.parse(form.dataset.channels ?? '{}') as Record<string, string>;

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
    const result = await wazzup.sendMessage(message);
    output.dataset.state = 'sent';
    output.textContent =
      result.status === 'sent'
        ? `Sent: ${result.messageId}`
        : `Already sent: ${result.crmMessageId}`;
  } catch (error) {
    output.dataset.state = 'error';
    if (error instanceof WazzupValidationError)
      output.textContent = `Not sent: ${error.code} (${error.field})`;
    else if (error instanceof WazzupError && 'code' in error)
      output.textContent = `Not sent: ${String(error.code)}`;
    else output.textContent = `Not sent: ${String(error)}`;
  }
});
