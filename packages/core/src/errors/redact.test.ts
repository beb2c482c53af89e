import { describe, expect, it } from 'vitest';
import { createRedactor, MIN_SECRET_LENGTH, REDACTED, redactDeep } from './redact';

const TOKEN = 'tok-8f7e6d5c4b3a2910';

describe('createRedactor', () => {
  it('redacts a header value and its bare token, whatever the case', () => {
    const redact = createRedactor([`Bearer ${TOKEN}`]);
    expect(redact(`got Bearer ${TOKEN}`)).toBe(`got ${REDACTED}`);
    expect(redact(`token ${TOKEN} and ${TOKEN.toUpperCase()}`)).toBe(
      `token ${REDACTED} and ${REDACTED}`,
    );
  });

  it('redacts the percent-encoded form of a secret', () => {
    const secret = 's3ss10n+t0k3n/AbCdEf==';
    const redact = createRedactor([secret]);
    expect(redact(`?s=${encodeURIComponent(secret)}`)).toBe(`?s=${REDACTED}`);
    expect(redact(`?s=${encodeURIComponent(secret).toLowerCase()}`)).toBe(`?s=${REDACTED}`);
  });

  it('leaves values too short to be secrets alone, so they cannot break a longer match', () => {
    const redact = createRedactor(['1', `Bearer ${TOKEN}`, 'tok']);
    expect('1'.length).toBeLessThan(MIN_SECRET_LENGTH);
    expect(redact(`HTTP 401: ${TOKEN}`)).toBe(`HTTP 401: ${REDACTED}`);
  });

  it('matches the longest secret first, so one inside another leaves nothing of it', () => {
    const inner = TOKEN.slice(0, 10);
    const redact = createRedactor([inner, TOKEN]);
    expect(redact(`a ${TOKEN} b ${inner}`)).toBe(`a ${REDACTED} b ${REDACTED}`);
  });

  it('treats secrets as text, not patterns', () => {
    const redact = createRedactor(['a.b*c+d?e(f)']);
    expect(redact('a.b*c+d?e(f) axbbbcdde')).toBe(`${REDACTED} axbbbcdde`);
  });

  it('with no secrets, hands text back as it is', () => {
    expect(createRedactor([])('Bearer anything')).toBe('Bearer anything');
    expect(createRedactor(['', 'short'])('short')).toBe('short');
  });
});

describe('redactDeep', () => {
  const redact = createRedactor([TOKEN]);

  it('redacts keys as well as values, in arrays and nested objects', () => {
    expect(redactDeep({ [TOKEN]: [TOKEN, { [TOKEN]: 1 }], n: 2, b: true }, redact)).toEqual({
      [REDACTED]: [REDACTED, { [REDACTED]: 1 }],
      n: 2,
      b: true,
    });
  });

  it('keeps a key named __proto__ as a key', () => {
    const out = redactDeep(JSON.parse('{"__proto__":{"polluted":1}}'), redact) as object;
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(({} as { polluted?: number }).polluted).toBeUndefined();
  });

  it('stops at a depth no error needs, without recursing further', () => {
    let deep: unknown = TOKEN;
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(JSON.stringify(redactDeep(deep, redact))).not.toContain(TOKEN);
  });
});
