import { parseArgs } from 'node:util';
import { DEMO_API_KEY, DEMO_CHANNELS } from './fixtures';
import { serveWazzupMock } from './serve/serve';
import type { ChannelState, MockChannel, Transport } from './state/channels';

const HELP = `wazzup-mock — a fake Wazzup API on loopback

  --port N               port (default: a free one)
  --host ADDR            address to bind (default 127.0.0.1)
  --api-key KEY          an accepted key (repeatable; default ${DEMO_API_KEY})
  --channel ID:TRANSPORT[:STATE]
                         a channel (repeatable; default the demo channels)
  --rate-limit N/MS      requests per key per window (default 500/5000)
  --no-rate-limit        turn the rate limit off
  --cors                 allow any origin (for pages under test; the real API has no CORS)

Prints the URL, then serves until interrupted.`;

function parseChannel(spec: string): MockChannel {
  const [id, transport, state = 'active'] = spec.split(':');
  if (!id || !transport) throw new Error(`--channel ${spec}: expected ID:TRANSPORT[:STATE]`);
  return { id, transport: transport as Transport, state: state as ChannelState };
}

function parseRateLimit(spec: string): { limit: number; windowMs: number } {
  const [limit, windowMs] = spec.split('/').map(Number);
  if (!limit || !windowMs) throw new Error(`--rate-limit ${spec}: expected N/MS, e.g. 500/5000`);
  return { limit, windowMs };
}

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'api-key': { type: 'string', multiple: true },
    channel: { type: 'string', multiple: true },
    'no-rate-limit': { type: 'boolean' },
    'rate-limit': { type: 'string' },
    cors: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});

async function main(): Promise<void> {
  if (values.help) {
    console.log(HELP);
    return;
  }
  const served = await serveWazzupMock({
    port: Number(values.port ?? 0),
    hostname: values.host ?? '127.0.0.1',
    apiKeys: values['api-key'] ?? [DEMO_API_KEY],
    channels: values.channel?.map(parseChannel) ?? DEMO_CHANNELS,
    ...(values['rate-limit'] && { rateLimit: parseRateLimit(values['rate-limit']) }),
    ...(values['no-rate-limit'] && { rateLimit: false as const }),
    ...(values.cors && { cors: true }),
  });
  console.log(served.url);
  const stop = () => void served.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
