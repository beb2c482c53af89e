// `pnpm start`: starts the Worker example in workerd and runs its /demo route, printing one line
// per send. With --serve it stays up so you can open the browser example's page.
import {
  formatDelivered,
  formatRow,
  formatWebhook,
  type ReportRow,
} from '@wazzup-sdk/example-report';
import { writeBack } from '@wazzup-sdk/example-report/auto-reply';
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
    if (app.mock) {
      for (const line of await writeBack(app.mock.mock, app.events))
        console.log(formatWebhook(line));
      console.log(formatDelivered(app.mock.mock.messages));
    }
    process.exitCode = rows.every((row) => row.ok) ? 0 : 1;
  }
} finally {
  await app.close();
}
