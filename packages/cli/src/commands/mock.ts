import {
  CHANNEL_STATES,
  type ChannelState,
  DEMO_API_KEY,
  DEMO_CHANNELS,
  type MockChannel,
  TRANSPORTS,
  type Transport,
} from '@wazzup-sdk/mock';
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
    'api-key': {
      type: 'string',
      description: `Accepted keys, comma-separated (default the demo key ${DEMO_API_KEY})`,
    },
    channel: {
      type: 'string',
      description: 'Channels as ID:TRANSPORT[:STATE], comma-separated (default the demo channels)',
    },
    'rate-limit': {
      type: 'string',
      description: 'Requests per key per window as N/MS (default 500/5000); --no-rate-limit: none',
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
    const apiKeys = listOf(args['api-key']) ?? [DEMO_API_KEY];
    const channels = listOf(args.channel)?.map(channelOf) ?? DEMO_CHANNELS;
    const rateLimit = rateLimitOf(args['rate-limit'] as string | boolean | undefined);
    const served = await serveWazzupMock({
      port,
      hostname: args.host,
      apiKeys,
      channels,
      ...(rateLimit !== undefined && { rateLimit }),
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
      console.log(JSON.stringify({ url: served.url, apiKey: apiKeys[0], apiKeys, channels }));
    } else {
      const { bold, dim } = colours();
      console.log(`${bold('fake Wazzup API')} at ${served.url}`);
      if (apiKeys[0] === DEMO_API_KEY)
        console.log(`demo key: ${DEMO_API_KEY} ${dim('(the fake account’s, not a secret)')}`);
      else console.log(`keys: ${apiKeys.length} given ${dim('(not printed)')}`);
      console.log(
        table(
          ['CHANNEL', 'TRANSPORT', 'STATE'],
          channels.map((channel) => [channel.id, channel.transport, channel.state ?? 'active']),
        ),
      );
      if (webhooks) console.log(`webhooks → ${shownAddress(webhooks, false)}`);
      console.log(
        dim(
          `try: WAZZUP_API_KEY=${apiKeys[0] === DEMO_API_KEY ? DEMO_API_KEY : '…'} WAZZUP_BASE_URL=${served.url} wazzup channels`,
        ),
      );
    }
    await new Promise<void>((resolve) => {
      const stop = () => void served.close().then(resolve);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  },
});

function listOf(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  if (items.length === 0) throw new UsageError('a list flag needs at least one item');
  return items;
}

function channelOf(spec: string): MockChannel {
  const [id, transport = '', state = 'active', ...rest] = spec.split(':');
  if (!id || rest.length > 0 || !TRANSPORTS.includes(transport as Transport))
    throw new UsageError(
      `--channel ${spec}: expected ID:TRANSPORT[:STATE], TRANSPORT one of ${TRANSPORTS.join(', ')}`,
    );
  if (!CHANNEL_STATES.includes(state as ChannelState))
    throw new UsageError(`--channel ${spec}: STATE one of ${CHANNEL_STATES.join(', ')}`);
  return { id, transport: transport as Transport, state: state as ChannelState };
}

/** `N/MS`, or false for --no-rate-limit; undefined keeps the service's 500 per 5 s. */
function rateLimitOf(value: string | boolean | undefined) {
  if (value === undefined) return undefined;
  if (value === false) return false as const;
  const match = /^(\d+)\/(\d+)$/.exec(String(value));
  const limit = Number(match?.[1]);
  const windowMs = Number(match?.[2]);
  if (!match || limit < 1 || windowMs < 1)
    throw new UsageError(`--rate-limit ${value}: expected N/MS, e.g. 500/5000`);
  return { limit, windowMs };
}
