// A CommonJS consumer of the installed tarballs: sends one message to the mock.
const { createWazzup } = require('@wazzup-sdk/core');
const schema = require('@wazzup-sdk/core/send-message.schema.json');

const { createOutboxConsumer } = require('@wazzup-sdk/cloudflare/outbox');

// The published JSON Schema and the outbox subpath come with the tarballs, through exports maps.
if (!schema.required.includes('channelId')) throw new Error('send-message.schema.json is wrong');
if (typeof createOutboxConsumer !== 'function') throw new Error('no @wazzup-sdk/cloudflare/outbox');

const wazzup = createWazzup({
  apiKey: process.env.WAZZUP_API_KEY,
  baseUrl: process.env.WAZZUP_BASE_URL,
});
wazzup
  .sendMessage({
    channelId: '1b7e0ab2-0c1f-4a5e-9d3a-6f2c1e4b8a01',
    chatType: 'whatsapp',
    chatId: '79011112233',
    text: `CJS on Node ${process.version}`,
  })
  .then((result) => console.log(result.status, result.messageId))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
