// Deno importing the installed @wazzup-sdk/deno: the key and address come from Deno.env.
import { createWazzup } from '@wazzup-sdk/deno';

const result = await createWazzup().sendMessage({
  channelId: '1b7e0ab2-0c1f-4a5e-9d3a-6f2c1e4b8a01',
  chatType: 'whatsapp',
  chatId: '79011112233',
  text: `Deno ${Deno.version.deno}`,
});
console.log(result.status, result.status === 'sent' ? result.messageId : '');
