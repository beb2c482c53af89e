import { WazzupConfigError } from '../errors/classes';
import type { UnknownKeys } from '../schemas/exact-object';

// Options are checked when the client is made, so a careless value fails at once and by name
// instead of as a retried "connection error" or an instant timeout on every later send. No message
// repeats the value it refuses: that value may hold a secret (a key, a URL with a password).
// Messages are short on purpose: every byte here ships in every page that sends.

/** Longest delay a timer can hold (2^31 - 1 ms, about 24.8 days); longer ones fire at once. */
export const MAX_TIMER_MS: number = 2 ** 31 - 1;

/** Throws the {@link WazzupConfigError} for option `name`. */
export function refuseOption(name: string, expected: string): never {
  throw new WazzupConfigError(name, `${name} must be ${expected}`);
}

/** A duration in ms: a number above 0 that a timer can hold (not a string, NaN or Infinity). */
export function checkMs(name: string, value: unknown): number {
  if (!(typeof value === 'number' && value > 0 && value <= MAX_TIMER_MS)) {
    refuseOption(name, `a number of ms from 1 to ${MAX_TIMER_MS}`);
  }
  return value;
}

/** What request schemas do with unknown keys: `'refuse'` (the default) or `'pass'`. */
export function checkUnknownKeys(value: unknown): UnknownKeys {
  if (value === undefined || value === 'refuse' || value === 'pass') return value ?? 'refuse';
  return refuseOption('unknownKeys', "'refuse' or 'pass'");
}

/** A whole number within bounds. */
export function checkCount(name: string, value: unknown, min: number, max: number): number {
  if (!(Number.isInteger(value) && (value as number) >= min && (value as number) <= max)) {
    refuseOption(name, `a whole number from ${min} to ${max}`);
  }
  return value as number;
}

/**
 * An API key: a string of the characters a header can carry, without spaces. One with a line break
 * or a NUL would make every request fail in fetch, which looks like a network fault and is retried.
 */
export function checkApiKey(value: unknown, name = 'apiKey'): string {
  if (typeof value !== 'string' || !/^[\x21-\x7e]+$/.test(value)) {
    refuseOption(name, 'the API key: printable ASCII, no spaces or line breaks');
  }
  return value;
}

/**
 * An http(s) URL without credentials (fetch refuses them, and the message of that refusal would
 * carry the password); as a `base`, also without a query or fragment, since paths are appended
 * to it. Returns it without trailing slashes.
 */
export function checkUrl(
  name: string,
  value: unknown,
  { base = false }: { base?: boolean } = {},
): string {
  const asBase = base;
  let url: URL | undefined;
  try {
    url = new URL(value as string);
  } catch {}
  if (
    !url ||
    !/^https?:$/.test(url.protocol) ||
    url.username ||
    url.password ||
    (asBase && /[?#]/.test(value as string))
  ) {
    refuseOption(name, `an http(s) URL without credentials${asBase ? ', query or fragment' : ''}`);
  }
  return (value as string).replace(/\/+$/, '');
}

/** Header values: strings without line breaks or NULs (a header cannot carry those). */
export function checkHeaders(value: unknown): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  const valid =
    typeof value === 'object' &&
    value !== null &&
    Object.values(value).every((header) => typeof header === 'string' && !/[\r\n\0]/.test(header));
  if (!valid) refuseOption('headers', 'an object of strings without line breaks');
  return value as Record<string, string>;
}
