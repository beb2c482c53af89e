// What a page sending one message through a proxy imports: the browser bundle is built from this.
import { createWazzup } from '../src/index';

const wazzup = createWazzup({ proxyUrl: '/api/send' });
await wazzup.sendMessage({
  channelId: 'e0629e11-0f67-4567-92a9-2237e91ec1b9',
  chatType: 'whatsapp',
  chatId: '79011112233',
  text: 'Hi',
});
