// Bun importing the installed @wazzup-sdk/bun: the key and address come from Bun.env.
import { createWazzup } from '@wazzup-sdk/bun';

const result = await createWazzup().sendMessage({
  channelId: '1b7e0ab2-0c1f-4a5e-9d3a-6f2c1e4b8a01',
  chatType: 'whatsapp',
  chatId: '79011112233',
  text: `Bun ${Bun.version}`,
});
console.log(result.status, result.status === 'sent' ? result.messageId : '');
