import { createWazzup } from '@wazzup-sdk/core';
import { DEMO_API_KEY, DEMO_CHANNEL_IDS, DEMO_CHANNELS } from '@wazzup-sdk/mock';
import { serveWazzupMock } from '@wazzup-sdk/mock/node';
import { type DemoTargets, runDemo } from './examples';

// Against the real API when WAZZUP_API_KEY is set; otherwise against the bundled fake, served on
// loopback so the client goes through real HTTP.
const apiKey = process.env.WAZZUP_API_KEY;
const mock = apiKey
  ? undefined
  : await serveWazzupMock({ apiKeys: [DEMO_API_KEY], channels: DEMO_CHANNELS });

const targets: DemoTargets = apiKey
  ? {
      whatsappChannelId: required('WAZZUP_CHANNEL_ID'),
      whatsappChatId: required('WAZZUP_CHAT_ID'),
      ...(process.env.WAZZUP_TELEGRAM_CHANNEL_ID && {
        telegramChannelId: process.env.WAZZUP_TELEGRAM_CHANNEL_ID,
      }),
    }
  : {
      whatsappChannelId: DEMO_CHANNEL_IDS.whatsapp,
      whatsappChatId: '79011112233',
      telegramChannelId: DEMO_CHANNEL_IDS.telegram,
    };

const wazzup = createWazzup({ apiKey: apiKey ?? DEMO_API_KEY, ...(mock && { baseUrl: mock.url }) });

console.log(
  `Sending through ${mock ? `the fake Wazzup API at ${mock.url}` : 'the real Wazzup API'}\n`,
);
const rows = await runDemo(wazzup, targets);
for (const row of rows) {
  console.log(`${row.ok ? '✔' : '✘'} ${row.what}  (${row.ms} ms)`);
  console.log(`    message:  ${JSON.stringify(row.sent)}`);
  console.log(`    answered: ${row.outcome}`);
}
if (mock) {
  console.log(`\nThe fake API recorded ${mock.mock.messages.length} delivered message(s).`);
  await mock.close();
}
process.exitCode = rows.every((row) => row.ok) ? 0 : 1;

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set when WAZZUP_API_KEY is`);
  return value;
}
