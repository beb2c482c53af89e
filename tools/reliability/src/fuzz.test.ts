import { SERVICE_CHAT_TYPES, type ValidationRules, validateMessage } from '@wazzup-sdk/mock';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyBody, brokenMessage, validMessage } from './arbitraries';
import { sized } from './size';
import { coreVerdict, isCatalogued, type Verdict } from './validation-oracle';

const runs = sized(1500, 50_000);
/** The mock as core's default client: unknown keys refused. */
const REFUSING: ValidationRules = {
  chatTypes: SERVICE_CHAT_TYPES,
  textLimits: {},
  unknownKeys: 'refuse',
};
const PASSING: ValidationRules = { ...REFUSING, unknownKeys: 'pass' };
const NEW_CHAT_TYPES = ['facebook', 'line'];

/** The mock's verdict on what would cross the wire: the body as JSON. */
function mockVerdict(input: unknown, rules = REFUSING): Verdict {
  const wire = input === undefined ? undefined : JSON.parse(JSON.stringify(input));
  const rejection = validateMessage(wire, rules);
  return rejection ? { ok: false, code: rejection.code, field: rejection.field } : { ok: true };
}

const strip = ({ requests: _, ...verdict }: Verdict & { requests: number }): Verdict => verdict;

describe('fuzzing core’s validation', () => {
  it('accepts every valid message and sends it', async () => {
    await fc.assert(
      fc.asyncProperty(validMessage, async (message) => {
        expect(await coreVerdict(message)).toEqual({ ok: true, requests: 1 });
      }),
      { numRuns: runs },
    );
  });

  it('refuses invalid payloads with a catalogued code, before the transport', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(brokenMessage, anyBody), async (input) => {
        const verdict = await coreVerdict(input);
        if (verdict.ok) {
          expect(verdict.requests).toBe(1);
        } else {
          expect(verdict.requests).toBe(0);
          expect(isCatalogued(verdict.code)).toBe(true);
        }
      }),
      { numRuns: runs },
    );
  });
});

describe('differential: core and the independent mock agree', () => {
  it('on every payload, all ten chat types, unknown keys refused (same accept/reject, code and field)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(validMessage, brokenMessage, fc.jsonValue()), async (input) => {
        expect(strip(await coreVerdict(input))).toEqual(mockVerdict(input));
      }),
      { numRuns: runs },
    );
  });

  it('with unknown keys passed on both, as the service does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(validMessage, brokenMessage), async (input) => {
        const core = strip(await coreVerdict(input, { unknownKeys: 'pass' }));
        expect(core).toEqual(mockVerdict(input, PASSING));
      }),
      { numRuns: runs },
    );
  });

  it('with chat types the service adds later allowed on both', async () => {
    const added = fc
      .tuple(brokenMessage, fc.constantFrom(...NEW_CHAT_TYPES))
      .map(([message, chatType]) => ({ ...message, chatType }));
    await fc.assert(
      fc.asyncProperty(fc.oneof(added, brokenMessage), async (input) => {
        const core = strip(await coreVerdict(input, { allowChatTypes: NEW_CHAT_TYPES }));
        const rules = { ...REFUSING, chatTypes: [...SERVICE_CHAT_TYPES, ...NEW_CHAT_TYPES] };
        expect(core).toEqual(mockVerdict(input, rules));
      }),
      { numRuns: runs },
    );
  });
});

describe('edge cases the generators rarely reach', () => {
  it.each([
    [
      'an own __proto__ key',
      '{"channelId":"e0629e11-0f67-4567-92a9-2237e91ec1b9","chatType":"whatsapp","chatId":"79011112233","text":"Hi","__proto__":{"x":1}}',
    ],
    [
      'a constructor key',
      '{"channelId":"e0629e11-0f67-4567-92a9-2237e91ec1b9","chatType":"whatsapp","chatId":"79011112233","text":"Hi","constructor":1}',
    ],
    [
      'null fields',
      '{"channelId":"e0629e11-0f67-4567-92a9-2237e91ec1b9","chatType":"whatsapp","chatId":"79011112233","text":"Hi","crmUserId":null}',
    ],
    [
      'a lone surrogate',
      '{"channelId":"e0629e11-0f67-4567-92a9-2237e91ec1b9","chatType":"whatsapp","chatId":"79011112233","text":"\\ud800"}',
    ],
  ])('agree on %s', async (_, json) => {
    const input = JSON.parse(json) as unknown;
    expect(strip(await coreVerdict(input))).toEqual(mockVerdict(input));
  });
});
