// Debian's Chromium, driven headless by playwright-core.
import { type Browser, chromium, type Page } from 'playwright-core';
import { CHROMIUM_LAUNCH_OPTIONS } from '../../../scripts/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ ...CHROMIUM_LAUNCH_OPTIONS, headless: true });
}

/** Fills the example's form as a person would, clicks Send, and waits for the answer. */
export async function sendFromForm(
  page: Page,
  message: { chatType: string; chatId: string; text: string },
): Promise<{ state: string; text: string }> {
  await page.selectOption('#chatType', message.chatType);
  await page.fill('#chatId', message.chatId);
  await page.fill('#text', message.text);
  await page.click('button[type=submit]');
  const output = page.locator('#result[data-state="sent"], #result[data-state="error"]');
  await output.waitFor({ timeout: 15_000 });
  return {
    state: (await output.getAttribute('data-state')) ?? '',
    text: (await output.textContent()) ?? '',
  };
}
