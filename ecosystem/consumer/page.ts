// A page built by Vite from the installed @wazzup-sdk/browser, against the API named in `?api=`:
// the shared program on the direct client (the key in the page, as a private tool has it), then
// one message through createProxySender as a public page sends. Shows how both went.
import { createProxySender, createWazzup } from '@wazzup-sdk/browser';
import { program } from './program.mjs';

const output = document.querySelector('#result') as HTMLOutputElement;
const api = new URL(location.href).searchParams.get('api') ?? '';

async function run(): Promise<string> {
  const direct = await program(
    createWazzup,
    { apiKey: 'demo-api-key', baseUrl: api, dangerouslyAllowBrowser: true },
    `Chromium ${navigator.userAgent.match(/Chrome\/(\S+)/)?.[1] ?? ''}`,
  );
  const proxied = await createProxySender({
    proxyUrl: `${api}/v3/message`,
    headers: { authorization: 'Bearer demo-api-key' },
  }).messages.send({
    channelId: '1b7e0ab2-0c1f-4a5e-9d3a-6f2c1e4b8a01',
    chatType: 'whatsapp',
    chatId: '79011112233',
    text: 'Vite page in Chromium',
  });
  if (proxied.status !== 'sent') throw new Error(`the proxy sender: ${proxied.status}`);
  return `${direct}; the proxy sender: sent ${proxied.messageId}`;
}

run().then(
  (line) => {
    output.textContent = line;
  },
  (error: unknown) => {
    output.textContent = `failed ${String(error)}`;
  },
);
