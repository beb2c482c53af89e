import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import {
  createWebhookHandler,
  createWebhookSecret,
  type WebhookEvent,
  webhookAddress,
} from '@wazzup-sdk/core/webhooks';
import { defineCommand } from 'citty';
import { colours, describeFailure, portOf } from '../output';

/** One readable line for an event, as it arrives. */
export function describeEvent(event: WebhookEvent): string {
  switch (event.type) {
    case 'message': {
      const { message } = event;
      const kind = event.incoming ? 'in  ' : 'echo';
      const flags = [event.edited && 'edited', event.deleted && 'deleted']
        .filter(Boolean)
        .join(' ');
      const who = message.contact?.username ? ` @${message.contact.username}` : '';
      const body = message.text ?? message.contentUri ?? `(${message.type})`;
      return `message ${kind} ${message.chatType} ${message.chatId}${who}${flags ? ` [${flags}]` : ''}: ${body}`;
    }
    case 'status': {
      const { status } = event;
      const error = status.error ? ` (${status.error.error})` : '';
      return `status  ${status.messageId} ${status.status}${error}`;
    }
    case 'channel':
      return `channel ${event.channel.channelId} ${event.channel.state}`;
    case 'template':
      return `template ${event.template.templateGuid} ${event.template.status}`;
    case 'createContact':
    case 'createDeal':
      return `${event.type} for user ${event.request.responsibleUserId} (not answered: no CRM here)`;
    case 'unknown':
      return `unknown ${event.section}: ${JSON.stringify(event.value).slice(0, 200)}`;
    case 'test':
      return 'probe';
    case 'invalid':
      return `invalid: ${event.error.message}`;
  }
}

/** `wazzup listen`: a webhook receiver on loopback that prints what the service sends. */
export const listen = defineCommand({
  meta: { name: 'listen', description: 'Receive webhooks on loopback and print each event' },
  args: {
    port: { type: 'string', default: '8787', description: 'The port' },
    host: { type: 'string', default: '127.0.0.1', description: 'The address to bind' },
    token: { type: 'string', description: 'The secret expected in ?token= (default a new one)' },
    json: { type: 'boolean', description: 'One JSON line per event' },
  },
  async run({ args }) {
    const port = portOf(args.port);
    const token = args.token ?? createWebhookSecret();
    const { dim, red } = colours();
    const print = (event: WebhookEvent) =>
      console.log(args.json ? JSON.stringify(event) : describeEvent(event));
    const handle = createWebhookHandler({
      token,
      onEvent: print,
      onError: (error) =>
        args.json
          ? console.log(JSON.stringify({ type: 'error', error: describeFailure(error) }))
          : console.log(red(`error   ${describeFailure(error)}`)),
    });
    const server = createServer(getRequestListener(handle));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, args.host, resolve);
    });
    const { port: bound } = server.address() as AddressInfo;
    const address = webhookAddress(`http://${args.host}:${bound}/`, token);
    if (args.json) console.log(JSON.stringify({ type: 'listening', address }));
    else
      console.log(
        `listening at ${address}\n${dim('register it with: wazzup webhooks set <that address> --messages')}`,
      );
    await new Promise<void>((resolve) => {
      const stop = () => server.close(() => resolve());
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  },
});
