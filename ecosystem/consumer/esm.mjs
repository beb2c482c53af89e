// An ESM consumer of the installed tarballs: sends one message to the mock.
import { createWazzup } from '@wazzup-sdk/core';

const wazzup = createWazzup({
  apiKey: process.env.WAZZUP_API_KEY,
  baseUrl: process.env.WAZZUP_BASE_URL,
});
const result = await wazzup.sendMessage({
  channelId: '1b7e0ab2-0c1f-4a5e-9d3a-6f2c1e4b8a01',
  chatType: 'whatsapp',
  chatId: '79011112233',
  text: `ESM on Node ${process.version}`,
});
console.log(result.status, result.messageId);
