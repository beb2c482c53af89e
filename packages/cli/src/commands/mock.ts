import { DEMO_API_KEY, DEMO_CHANNELS } from '@wazzup-sdk/mock';
import { serveWazzupMock } from '@wazzup-sdk/mock/node';
import { defineCommand } from 'citty';
import { colours, portOf, shownAddress, table, UsageError } from '../output';

/** `wazzup mock`: the fake API on loopback, optionally delivering webhooks to an address. */
export const mock = defineCommand({
  meta: { name: 'mock', description: 'Serve the fake Wazzup API on loopback' },
  args: {
    port: { type: 'string', default: '0', description: 'The port (default a free one)' },
    host: { type: 'string', default: '127.0.0.1', description: 'The address to bind' },
    webhooks: {
      type: 'string',
      description: 'Deliver webhooks (every subscription) to this address, e.g. from wazzup listen',
    },
    cors: { type: 'boolean', description: 'Allow any origin (for pages under test)' },
    json: { type: 'boolean', description: 'Print the address and demo account as JSON' },
  },
  async run({ args }) {
    const port = portOf(args.port);
    // Every argument is checked before anything starts.
    let webhooks: string | undefined;
    if (args.webhooks !== undefined) {
      try {
        const url = new URL(args.webhooks);
        if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
        webhooks = url.href;
      } catch {
        throw new UsageError(
          '--webhooks must be an http(s) address, e.g. the one wazzup listen prints',
        );
      }
    }
    const served = await serveWazzupMock({
      port,
      hostname: args.host,
      apiKeys: [DEMO_API_KEY],
      channels: DEMO_CHANNELS,
      ...(args.cors && { cors: true }),
    });
    if (webhooks) {
      // Set directly rather than through PATCH /v3/webhooks, so the listener may start after.
      served.mock.store().webhooks = {
        uri: webhooks,
        subscriptions: {
          messagesAndStatuses: true,
          contactsAndDealsCreation: true,
          channelsUpdates: true,
          templateStatus: true,
        },
      };
    }
    if (args.json) {
      console.log(
        JSON.stringify({ url: served.url, apiKey: DEMO_API_KEY, channels: DEMO_CHANNELS }),
      );
    } else {
      const { bold, dim } = colours();
      console.log(`${bold('fake Wazzup API')} at ${served.url}`);
      console.log(`demo key: ${DEMO_API_KEY} ${dim('(the fake account’s, not a secret)')}`);
      console.log(
        table(
          ['CHANNEL', 'TRANSPORT', 'STATE'],
          DEMO_CHANNELS.map((channel) => [
            channel.id,
            channel.transport,
            channel.state ?? 'active',
          ]),
        ),
      );
      if (webhooks) console.log(`webhooks → ${shownAddress(webhooks, false)}`);
      console.log(
        dim(`try: WAZZUP_API_KEY=${DEMO_API_KEY} WAZZUP_BASE_URL=${served.url} wazzup channels`),
      );
    }
    await new Promise<void>((resolve) => {
      const stop = () => void served.close().then(resolve);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  },
});
