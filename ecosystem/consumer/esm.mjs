// An ESM consumer of the installed tarballs: lists the channels, upserts a contact and sends
// through the first active WhatsApp channel, all against the mock.
import { createWazzup } from '@wazzup-sdk/core';

const wazzup = createWazzup({
  apiKey: process.env.WAZZUP_API_KEY,
  baseUrl: process.env.WAZZUP_BASE_URL,
});
const channels = await wazzup.channels.list();
const channel = channels.find((each) => each.transport === 'whatsapp' && each.state === 'active');
if (!channel) throw new Error(`no active WhatsApp channel among ${channels.length}`);
await wazzup.contacts.upsert([
  {
    id: `esm-${process.version}`,
    responsibleUserId: 'u1',
    name: 'Ecosystem',
    contactData: [{ chatType: 'whatsapp', chatId: '79011112233' }],
  },
]);
const stored = await wazzup.contacts.get(`esm-${process.version}`);
if (stored.name !== 'Ecosystem') throw new Error('contacts.upsert did not store the contact');
const result = await wazzup.sendMessage({
  channelId: channel.channelId,
  chatType: 'whatsapp',
  chatId: '79011112233',
  text: `ESM on Node ${process.version}`,
});
console.log(result.status, result.messageId);
