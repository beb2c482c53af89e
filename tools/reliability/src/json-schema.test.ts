import { createRequire } from 'node:module';
import { parseSendMessageRequest } from '@wazzup-sdk/core';
import Ajv from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brokenMessage, validMessage } from './arbitraries';
import { sized } from './size';

const runs = sized(1500, 50_000);
// The published file, resolved through core's exports map as a consumer would.
const schema = createRequire(import.meta.url)('@wazzup-sdk/core/send-message.schema.json');
const jsonSchemaAccepts = new Ajv({ strict: true, strictRequired: false }).compile(schema);

function valibotAccepts(body: unknown): boolean {
  try {
    parseSendMessageRequest(body);
    return true;
  } catch {
    return false;
  }
}

/** The body as it crosses the wire: JSON, with the top-level nulls core drops before sending. */
function wire(input: unknown): unknown {
  const json = JSON.parse(JSON.stringify(input) ?? 'null');
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return json;
  return Object.fromEntries(Object.entries(json).filter(([, value]) => value !== null));
}

describe('differential: the published JSON Schema and core’s valibot schema agree', () => {
  it('on every fuzzed payload (same accept/reject)', () => {
    fc.assert(
      fc.property(fc.oneof(validMessage, brokenMessage, fc.jsonValue()), (input) => {
        const body = wire(input);
        expect(jsonSchemaAccepts(body)).toBe(valibotAccepts(body));
      }),
      { numRuns: runs },
    );
  });
});
