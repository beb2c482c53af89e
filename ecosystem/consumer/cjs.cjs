// A CommonJS consumer of the installed tarballs: lists the channels, upserts a contact and sends
// one message to the mock.
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
wazzup.channels
  .list()
  .then(async (channels) => {
    const active = channels.find(
      (each) => each.state === 'active' && each.transport === 'whatsapp',
    );
    if (!active) throw new Error('no active WhatsApp channel');
    await wazzup.contacts.upsert([
      {
        id: `cjs-${process.version}`,
        responsibleUserId: 'u1',
        name: 'Ecosystem',
        contactData: [{ chatType: 'whatsapp', chatId: '79011112233' }],
      },
    ]);
    return wazzup.sendMessage({
      channelId: active.channelId,
      chatType: 'whatsapp',
      chatId: '79011112233',
      text: `CJS on Node ${process.version}`,
    });
  })
  .then((result) => console.log(result.status, result.messageId))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
