// The CRM app of docs/testing.md: a webhook receiver on node:http that answers each contact who
// writes in and creates the contacts Wazzup asks it for. The CLI's suite runs the guide's loop
// (wazzup mock, listen --forward-to, trigger, contacts) against it.
import { createServer } from 'node:http';
import { createWazzup } from '@wazzup-sdk/core';
import { createWebhookHandler, toNodeHandler } from '@wazzup-sdk/core/webhooks';

const wazzup = createWazzup(); // WAZZUP_API_KEY and WAZZUP_BASE_URL from the environment
const handle = createWebhookHandler({
  token: process.env.WAZZUP_WEBHOOK_TOKEN,
  onMessage: async ({ message, incoming }) => {
    if (!incoming) return;
    await wazzup.messages.send({
      channelId: message.channelId,
      chatType: message.chatType,
      chatId: message.chatId,
      text: `We got your message: ${message.text}`,
      crmMessageId: `reply-${message.messageId}`,
    });
  },
  onStatus: ({ status }) => console.log('status', status.messageId, status.status),
  onCreateContact: ({ request }) => ({
    id: `crm-${request.contactData[0]?.chatId}`,
    responsibleUserId: request.responsibleUserId,
    name: request.name ?? 'New contact',
    contactData: request.contactData.map(({ chatType, chatId }) => ({ chatType, chatId })),
  }),
});
const server = createServer(toNodeHandler(handle));
server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  console.log(`the CRM app at http://127.0.0.1:${server.address().port}/wazzup`);
});
