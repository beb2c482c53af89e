// `pnpm start`: serves the page from the Worker example in workerd, opens it in headless Chromium,
// sends a WhatsApp text from the form and a bad number, and prints one line per send.
import { formatDelivered, formatRow, runSend } from '@wazzup-sdk/example-report';
import { startWorkerApp } from '@wazzup-sdk/example-worker/start';
import { launchChromium, sendFromForm } from './chromium';

const app = await startWorkerApp();
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.goto(app.url);
  console.log(
    `${await page.evaluate(() => navigator.userAgent.split(' ').find((part) => part.startsWith('HeadlessChrome')))} → Worker proxy at ${app.url}`,
  );
  const chatId = process.env.WAZZUP_CHAT_ID ?? '79011112233';
  const fromForm =
    (text: string, number = chatId) =>
    async () => {
      const answer = await sendFromForm(page, { chatType: 'whatsapp', chatId: number, text });
      const [, messageId = ''] = /^Sent: (.+)$/.exec(answer.text) ?? [];
      if (answer.state === 'sent') return { status: 'sent' as const, messageId };
      throw Object.assign(new Error(answer.text), {
        code: /Not sent: (\S+)/.exec(answer.text)?.[1],
      });
    };
  const rows = [
    await runSend('Form: WhatsApp text', fromForm('Sent from the page 🖱️')),
    await runSend(
      'Form: invalid number (caught)',
      fromForm('Hi', '+7 901'),
      'CHAT_INCORRECT_CHAT_ID_WHATSAPP',
    ),
  ];
  for (const row of rows) console.log(formatRow(row));
  if (app.mock) console.log(formatDelivered(app.mock.mock.messages));
  process.exitCode = rows.every((row) => row.ok) ? 0 : 1;
} finally {
  await browser.close();
  await app.close();
}
