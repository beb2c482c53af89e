// `pnpm start`: starts the Worker example in workerd and runs its /demo route, printing one line
// per send. With --serve it stays up so you can open the browser example's page.
import {
  formatDelivered,
  formatRow,
  formatWebhook,
  type ReportRow,
  waitUntil,
} from '@wazzup-sdk/example-report';
import { isRead, webhookLines } from '@wazzup-sdk/example-report/auto-reply';
import { startWorkerApp } from './start';

const app = await startWorkerApp();
try {
  if (process.argv.includes('--serve')) {
    console.log(`Worker running at ${app.url}: open it to send from the page. Ctrl-C stops it.`);
    await new Promise<void>((resolve) => process.once('SIGINT', resolve));
  } else {
    const { runtime, rows } = (await (await fetch(`${app.url}/demo`)).json()) as {
      runtime: string;
      rows: ReportRow[];
    };
    console.log(
      `${runtime} (workerd) → ${app.mock ? `fake Wazzup API at ${app.mock.url}` : 'Wazzup API'}`,
    );
    for (const row of rows) console.log(formatRow(row));
    // The Telegram contact reached by username writes back: the fake API delivers it to the
    // Worker's /wazzup, whose auto-reply answers in the chat the webhook names.
    const mock = app.mock?.mock;
    const telegram = mock?.messages.find((message) => message.chatType === 'telegram');
    if (mock && telegram) {
      await mock.receive({
        channelId: telegram.channelId,
        chatType: 'telegram',
        chatId: telegram.chatId,
        text: 'Thanks! When will it arrive?',
        contact: { username: 'wazzup_demo' },
      });
      await waitUntil(async () => isRead(await app.events()));
      for (const line of webhookLines(await app.events())) console.log(formatWebhook(line));
    }
    if (app.mock) console.log(formatDelivered(app.mock.mock.messages));
    process.exitCode = rows.every((row) => row.ok) ? 0 : 1;
  }
} finally {
  await app.close();
}
