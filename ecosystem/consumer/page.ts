// A page built by Vite from the installed @wazzup-sdk/browser: sends one message on load to the
// endpoint named in `?api=` and shows how it went.
import { createWazzup } from '@wazzup-sdk/browser';

const output = document.querySelector('#result') as HTMLOutputElement;
const api = new URL(location.href).searchParams.get('api') ?? '';
const wazzup = createWazzup({
  proxyUrl: `${api}/v3/message`,
  headers: { authorization: 'Bearer demo-api-key' },
});
wazzup
  .sendMessage({
    channelId: '1b7e0ab2-0c1f-4a5e-9d3a-6f2c1e4b8a01',
    chatType: 'whatsapp',
    chatId: '79011112233',
    text: 'Vite page in Chromium',
  })
  .then((result) => {
    output.textContent = `${result.status} ${result.status === 'sent' ? result.messageId : ''}`;
  })
  .catch((error: unknown) => {
    output.textContent = `failed ${String(error)}`;
  });
