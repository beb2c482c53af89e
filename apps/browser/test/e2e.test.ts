import { startWorkerApp, type WorkerApp } from '@wazzup-sdk/example-worker/start';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium, sendFromForm } from '../scripts/chromium';

let app: WorkerApp;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const env = { ...process.env };
  delete env.WAZZUP_API_KEY;
  app = await startWorkerApp(env);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});
beforeEach(async () => {
  app.mock?.mock.reset();
  page = await browser.newPage();
  await page.goto(app.url);
});

const mock = () => {
  if (!app.mock) throw new Error('the e2e test runs against the fake API');
  return app.mock.mock;
};

describe('the browser example, in Chromium, through the Worker in workerd', () => {
  it('sends what the form says, and the fake API records exactly that message', async () => {
    const answer = await sendFromForm(page, {
      chatType: 'whatsapp',
      chatId: '79011112233',
      text: 'Sent from the page',
    });
    expect(answer.state).toBe('sent');
    expect(answer.text).toMatch(/^Sent: [0-9a-f-]{36}$/);
    expect(mock().messages).toHaveLength(1);
    expect(mock().messages[0]).toMatchObject({
      messageId: answer.text.slice('Sent: '.length),
      chatType: 'whatsapp',
      chatId: '79011112233',
      body: { text: 'Sent from the page' },
    });
  });

  it('shows a validation error without any request reaching the API', async () => {
    const answer = await sendFromForm(page, { chatType: 'whatsapp', chatId: '+7 901', text: 'Hi' });
    expect(answer).toEqual({
      state: 'error',
      text: 'Not sent: CHAT_INCORRECT_CHAT_ID_WHATSAPP (chatId)',
    });
    expect(mock().requests).toHaveLength(0);
  });

  it('applies the chat type’s own text limit', async () => {
    const answer = await sendFromForm(page, {
      chatType: 'instagram',
      chatId: 'someone',
      text: 'x'.repeat(1001),
    });
    expect(answer).toEqual({ state: 'error', text: 'Not sent: MESSAGE_TEXT_TOO_LONG (text)' });
  });

  it('keeps the API key out of the page', async () => {
    const html = await page.content();
    const script = await (await page.request.get(`${app.url}/app.js`)).text();
    for (const text of [html, script]) expect(text).not.toContain('demo-api-key');
  });

  it('refuses a caller without the session cookie', async () => {
    const response = await fetch(`${app.url}/api/send`, {
      method: 'POST',
      headers: { origin: app.url, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(401);
  });
});
