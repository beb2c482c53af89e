/**
 * Compares two strings in time that depends only on their lengths, not on where they differ, so
 * a caller cannot find a secret by timing guesses.
 */
export function safeEqual(given: string, expected: string): boolean {
  let diff = given.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) {
    // Past the end of `given`, charCodeAt is NaN and `| 0` makes it 0: every position is visited.
    diff |= (given.charCodeAt(i) | 0) ^ expected.charCodeAt(i);
  }
  return diff === 0;
}

/** A random secret for the webhook address: 32 bytes, base64url. */
export function createWebhookSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/**
 * The address to register with `webhooks.set`: `base` (your receiver's public URL) with the secret
 * as its `token` query parameter, which the handler checks (the service signs nothing for a plain
 * API-key integration).
 *
 * @example
 * const token = createWebhookSecret(); // keep it as a secret of your deployment
 * await wazzup.webhooks.set({ uri: webhookAddress('https://crm.example.com/wazzup', token), subscriptions: { messagesAndStatuses: true } });
 */
export function webhookAddress(base: string, token: string): string {
  const url = new URL(base);
  url.searchParams.set('token', token);
  return url.href;
}
