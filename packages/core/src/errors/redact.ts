/** Replaces every occurrence of a secret in a string. */
export type Redact = (text: string) => string;

/** What a secret is replaced by. */
export const REDACTED = '[redacted]';

/**
 * Values shorter than this are not treated as secrets: a header such as `x-app-version: 1` would
 * otherwise blank every `1` in a message, and no key or token is that short.
 */
export const MIN_SECRET_LENGTH = 8;

/**
 * The forms a secret may come back in: as given, without its auth scheme (`Bearer <token>` echoed
 * as the bare token) and percent-encoded (echoed inside a URL).
 */
function formsOf(secret: string): string[] {
  const forms = [secret];
  const scheme = /^[A-Za-z][\w.+-]*\s+(\S.*)$/.exec(secret);
  if (scheme) forms.push(scheme[1] as string);
  for (const form of [...forms]) {
    const encoded = encodeURIComponent(form);
    if (encoded !== form) forms.push(encoded);
  }
  return forms.filter((form) => form.length >= MIN_SECRET_LENGTH);
}

/**
 * Makes the one redaction every error goes through. Each secret and its bare and encoded forms are
 * matched case-insensitively (a server may upper-case what it echoes), longest first, so a short
 * secret inside a longer one cannot break the longer one's match and let its rest show.
 */
export function createRedactor(secrets: readonly string[]): Redact {
  const forms = [...new Set(secrets.flatMap(formsOf))].sort((a, b) => b.length - a.length);
  if (forms.length === 0) return (text) => text;
  const pattern = new RegExp(
    forms.map((form) => form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'),
    'gi',
  );
  return (text) => text.replace(pattern, REDACTED);
}

/**
 * Removes secrets from a value of any JSON shape by walking it: keys as well as values, since a
 * hostile server controls both.
 */
export function redactDeep(value: unknown, redact: Redact, depth = 0): unknown {
  if (typeof value === 'string') return redact(value);
  // JSON from a body nests as deep as the body is long; past this, keep nothing rather than recurse.
  if (depth > 32) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, redact, depth + 1));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        redact(key),
        redactDeep(item, redact, depth + 1),
      ]),
    );
  }
  return value;
}
