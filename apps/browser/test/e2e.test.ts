import { FAILING_CHAT_ID, startWorkerApp, type WorkerApp } from '@wazzup-sdk/example-worker/start';
import { DEMO_CHANNEL_IDS } from '@wazzup-sdk/mock';
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
  await app.subscribe(); // the reset forgot the Worker's webhook address
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
    // Only the test's own webhook registration reached the API; no send did.
    expect(mock().requests.map((request) => request.path)).toEqual(['/v3/webhooks']);
  });

  it('applies the chat type’s own text limit', async () => {
    const answer = await sendFromForm(page, {
      chatType: 'instagram',
      chatId: 'someone',
      text: 'x'.repeat(1001),
    });
    expect(answer).toEqual({
      state: 'error',
      text: 'Not sent: MESSAGES_TOO_LONG_INSTAGRAM (text)',
    });
  });

  it('shows under each message sent its status timeline as the webhooks report it, or the error', async () => {
    const timelineOf = async (chatId: string) => {
      const answer = await sendFromForm(page, { chatType: 'whatsapp', chatId, text: 'Hi' });
      expect(answer.state).toBe('sent');
      const messageId = answer.text.slice('Sent: '.length);
      return page.locator(`#sent li[data-message-id="${messageId}"] .timeline`);
    };
    const delivered = await timelineOf('79011112233');
    await delivered.filter({ hasText: 'read' }).waitFor({ timeout: 10_000 });
    expect(await delivered.textContent()).toBe('sent → delivered → read');
    const failed = await timelineOf(FAILING_CHAT_ID);
    await failed.filter({ hasText: 'error' }).waitFor({ timeout: 10_000 });
    expect(await failed.textContent()).toBe('sent → error: BAD_CONTACT');
  });

  it('shows incoming messages as the webhooks bring them', async () => {
    const text = `Is order ${Date.now()} on its way?`;
    await mock().receive({
      channelId: DEMO_CHANNEL_IDS.whatsapp,
      chatType: 'whatsapp',
      chatId: '79011112233',
      text,
    });
    const item = page.locator('#incoming li', { hasText: text });
    await item.waitFor({ timeout: 10_000 });
    expect(await item.textContent()).toBe(`whatsapp 79011112233: ${text}`);
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
