import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { SendMessageRequestSchema } from '../src/schemas/request';
import { INVALID_CASES, VALID_CASES } from '../test/validation-cases';
import { JSON_SCHEMA_FILE, sendMessageJsonSchema } from './send-message-json-schema';

const published: unknown = JSON.parse(
  readFileSync(new URL(`../${JSON_SCHEMA_FILE}`, import.meta.url), 'utf8'),
);
// Strict mode refuses unknown keywords, so a typo in the hand-written rules fails here (required
// keys inside if/then/not are meant, so that one check is off).
const validate = new Ajv({ strict: true, strictRequired: false, allErrors: true }).compile(
  published as object,
);

// Edge cases beyond the one-per-rule lists, where a hand-written JSON Schema is most likely to
// drift from valibot.
const base = {
  channelId: 'F0C1E2D3-A4B5-4C6D-8E7F-0123456789AB',
  chatType: 'telegram',
  chatId: '79011112233',
  text: 'Hi',
};
const EDGE_CASES: unknown[] = [
  base,
  { ...base, chatId: '   ', username: 'durov' },
  { ...base, chatId: '   ' },
  { ...base, chatType: 'telegram', chatId: 'x', username: '@x' },
  { ...base, chatType: 'whatsapp', chatId: ' ' },
  { ...base, chatType: 'whatsgroup', chatId: '', phone: '7901' },
  { ...base, chatType: 'instagram', chatId: 'a@b' },
  { ...base, text: '\u00a0\n' },
  { ...base, text: 'x'.repeat(4096) },
  { ...base, text: '😀'.repeat(4097) },
  { ...base, chatType: 'instagram', chatId: 'someone', text: '😀'.repeat(1000) },
  { ...base, text: undefined, contentUri: 'HTTPS://example.com' },
  { ...base, text: undefined, contentUri: 'ftp://example.com/a' },
  { ...base, text: undefined, templateId: 't', contentUri: 'http://a' },
  { ...base, text: undefined, templateId: 't', templateValues: [] },
  { ...base, buttonsObject: {} },
  { ...base, buttonsObject: { buttons: [{}] } },
  { ...base, buttonsObject: { buttons: [{ text: '😀'.repeat(20) }] } },
  { ...base, buttonsObject: { buttons: [{ text: '😀'.repeat(21) }] } },
  { ...base, buttonsObject: { buttons: [], extra: 1 } },
  { ...base, clearUnanswered: 'false' },
].map((input) => JSON.parse(JSON.stringify(input)));

const samples = [
  ...VALID_CASES.map(({ name, input }) => ({ name, input })),
  ...INVALID_CASES.map(({ name, input }) => ({ name, input })),
  ...EDGE_CASES.map((input, index) => ({ name: `edge case ${index + 1}`, input })),
];

describe(JSON_SCHEMA_FILE, () => {
  it('is what the generator makes from the valibot schema', () => {
    // After changing the valibot schema: pnpm --filter @wazzup-sdk/core json-schema
    expect(published).toEqual(sendMessageJsonSchema());
  });

  it.each(samples)('agrees with valibot on $name', ({ input }) => {
    expect(validate(input)).toBe(v.safeParse(SendMessageRequestSchema, input).success);
  });

  it('has both accepting and rejecting samples', () => {
    const verdicts = samples.map(({ input }) => validate(input));
    expect(verdicts.filter(Boolean).length).toBeGreaterThanOrEqual(VALID_CASES.length);
    expect(verdicts.filter((ok) => !ok).length).toBeGreaterThanOrEqual(INVALID_CASES.length);
  });
});
