// What a page sending one message through a proxy imports: the browser bundle is built from this.
import { createProxySender } from '../src/index';

const wazzup = createProxySender({ proxyUrl: '/api/send' });
await wazzup.messages.send({
  channelId: 'e0629e11-0f67-4567-92a9-2237e91ec1b9',
  chatType: 'whatsapp',
  chatId: '79011112233',
  text: 'Hi',
});
