import { createWazzupMock, DEMO_API_KEY, DEMO_CHANNEL_IDS, DEMO_CHANNELS } from '@wazzup-sdk/mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { commands } from 'vitest/browser';
import {
  createProxySender,
  createSender,
  createWazzup,
  WazzupConfigError,
  WazzupValidationError,
} from '../src/index';

const message = {
  channelId: DEMO_CHANNEL_IDS.whatsapp,
  chatType: 'whatsapp',
  chatId: '79011112233',
  text: 'Hello from Chromium',
} as const;

/** The served mock speaks the proxy protocol; it wants a bearer token, as a real proxy would. */
async function proxied() {
  const url = await commands.mockUrl();
  return createProxySender({
    proxyUrl: `${url}/v3/message`,
    headers: { authorization: `Bearer ${DEMO_API_KEY}` },
  });
}

beforeEach(() => commands.mockReset());
afterAll(() => commands.mockClose());

describe('@wazzup-sdk/browser in Chromium', () => {
  it('runs in a real browser', () => {
    expect(navigator.userAgent).toMatch(/Chrome\//);
    expect(typeof window.document).toBe('object');
  });

  it('sends through the proxy over real HTTP and the mock records exactly that message', async () => {
    const wazzup = await proxied();
    const result = await wazzup.messages.send(message);
    expect(result.status).toBe('sent');
    const delivered = await commands.mockMessages();
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.crmMessageId).toBe(result.crmMessageId);
    expect(delivered[0]?.body.text).toBe('Hello from Chromium');
  });

  it('reads a repeat of the same crmMessageId as duplicate', async () => {
    const wazzup = await proxied();
    await wazzup.messages.send({ ...message, crmMessageId: 'page-1' });
    expect(await wazzup.messages.send({ ...message, crmMessageId: 'page-1' })).toEqual({
      status: 'duplicate',
      crmMessageId: 'page-1',
    });
  });

  it('validates in the page, before any request', async () => {
    const wazzup = await proxied();
    const error = await wazzup.messages
      .send({ ...message, text: ' ' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WazzupValidationError);
    expect(error).toMatchObject({ code: 'MESSAGE_TEXT_CAN_NOT_BE_BLANK', field: 'text' });
    expect(await commands.mockRequestCount()).toBe(0);
  });

  it('never shows the proxy token in an error', async () => {
    const url = await commands.mockUrl();
    const wazzup = createProxySender({
      proxyUrl: `${url}/v3/message`,
      headers: { authorization: 'Bearer page-secret-token' },
    });
    const error = await wazzup.messages.send(message).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(JSON.stringify(error) + String(error)).not.toContain('page-secret-token');
  });

  it('resolves a relative proxyUrl against the page', async () => {
    const mock = createWazzupMock({ apiKeys: [DEMO_API_KEY], channels: DEMO_CHANNELS });
    const seen: string[] = [];
    const wazzup = createProxySender({
      proxyUrl: '/v3/message',
      headers: { authorization: `Bearer ${DEMO_API_KEY}` },
      fetch: (input, init) => {
        seen.push(String(input));
        return mock.fetch(input, init);
      },
    });
    expect((await wazzup.messages.send(message)).status).toBe('sent');
    expect(seen).toEqual([`${location.origin}/v3/message`]);
  });

  it('refuses an apiKey in the page unless dangerouslyAllowBrowser', async () => {
    for (const create of [createWazzup, createSender]) {
      expect(() => create({ apiKey: DEMO_API_KEY })).toThrow(WazzupConfigError);
      expect(() => create({ apiKey: DEMO_API_KEY })).toThrow(/createProxySender/);
    }
    const direct = createSender({
      apiKey: DEMO_API_KEY,
      dangerouslyAllowBrowser: true,
      baseUrl: await commands.mockUrl(),
    });
    expect((await direct.messages.send(message)).status).toBe('sent');
  });

  it('the direct client reads every route from the page', async () => {
    const wazzup = createWazzup({
      apiKey: DEMO_API_KEY,
      dangerouslyAllowBrowser: true,
      baseUrl: await commands.mockUrl(),
    });
    const channels = await wazzup.channels.list();
    expect(channels.data.map((channel) => channel.channelId)).toContain(DEMO_CHANNEL_IDS.whatsapp);
    const { data, response } = await wazzup.messages.send(message).withResponse();
    expect(data.status).toBe('sent');
    expect(response).toMatchObject({ status: 201, attempts: 1 });
    expect(JSON.stringify(response)).not.toContain(DEMO_API_KEY);
  });

  it('a page without a key or env has nothing to read it from', () => {
    expect(() => createWazzup()).toThrow(/WAZZUP_API_KEY is not set in the page/);
  });

  it('a proxy sender needs a proxyUrl, and holds no key', () => {
    expect(() => createProxySender({} as never)).toThrow(/proxyUrl/);
    expect(() => createProxySender({ proxyUrl: '/send', apiKey: DEMO_API_KEY } as never)).toThrow(
      /holds no key/,
    );
    expect(() => createProxySender({ proxyUrl: 'javascript:alert(1)' })).toThrow(/http\(s\)/);
    // The proxy limits the key for every page: a page's own limit would only guess.
    expect(() => createProxySender({ proxyUrl: '/send', rateLimit: false } as never)).toThrow(
      /no rate limit/,
    );
  });
});

describe('the browser bundle', () => {
  it('holds no Node built-ins and no environment reads', async () => {
    const bundle = await commands.browserBundle();
    expect(bundle).toContain('crmMessageId');
    expect(bundle).not.toMatch(
      /\b(from|import)\s*\(?\s*["'](node:)?(fs|http|https|net|os|path|crypto|stream|buffer|child_process|util)["']/,
    );
    expect(bundle).not.toMatch(/\brequire\(/);
    expect(bundle).not.toContain('node:');
    expect(bundle).not.toContain('process.env');
  });
});
