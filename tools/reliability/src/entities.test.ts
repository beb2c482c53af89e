import { createWazzup, WazzupError } from '@wazzup-sdk/core';
import {
  createWazzupMock,
  DEMO_API_KEY,
  type EntityKind,
  type UnknownKeyMode,
  validateBatch,
} from '@wazzup-sdk/mock';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sized } from './size';

// The CRM routes' request schemas, core's against the mock's independent rules: on random
// batches, valid and broken, both accept or both refuse with the same code, at the same item and
// top-level field. Core's verdict comes from the real client (its validation, then the mock's
// answer when it sends); the mock's from its rules on the same JSON.

const runs = sized(400, 20_000);

const text = (max: number) =>
  fc.string({ minLength: 1, maxLength: max }).filter((s) => s.trim() !== '');
const digits = fc.stringMatching(/^\d{5,15}$/);
const url = fc.webUrl({ validSchemes: ['http', 'https'] }).filter((u) => u.length <= 200);
// Chats named every way, right and wrong: the chat rule (a WhatsApp or Viber number in digits, an
// Instagram account without @, Telegram by username or phone, MAX by phone) decides.
const chat = fc.record(
  {
    chatType: fc.constantFrom(
      'whatsapp',
      'whatsgroup',
      'viber',
      'instagram',
      'telegram',
      'telegroup',
      'vk',
      'avito',
      'max',
      'maxgroup',
    ),
    chatId: fc.oneof(text(30), digits, fc.constantFrom('+79011112233', '@someone', '79011112233')),
    username: fc.oneof(text(30), fc.constant('@durov')),
    phone: fc.oneof(digits, fc.constant('+7901')),
  },
  { requiredKeys: ['chatType'] },
);

const VALID: Record<EntityKind, fc.Arbitrary<Record<string, unknown>>> = {
  users: fc.record(
    { id: text(200), name: text(200), phone: digits },
    { requiredKeys: ['id', 'name'] },
  ),
  contacts: fc.record(
    {
      id: text(100),
      responsibleUserId: text(100),
      name: text(200),
      contactData: fc.array(chat, { minLength: 1, maxLength: 3 }),
      uri: url,
    },
    { requiredKeys: ['id', 'responsibleUserId', 'name', 'contactData'] },
  ),
  deals: fc.record({
    id: text(100),
    responsibleUserId: text(100),
    name: text(200),
    uri: url,
    contacts: fc.array(text(20), { maxLength: 3 }),
    closed: fc.boolean(),
  }),
  pipelines: fc.record(
    {
      id: text(100),
      name: text(100),
      stages: fc.array(fc.record({ id: text(20), name: text(20) }), { minLength: 1, maxLength: 3 }),
    },
    { requiredKeys: ['id', 'name'] },
  ),
};

/** One way to break an item: a field set to a bad value, dropped, or an unknown key added. */
const breakage = fc.oneof(
  fc.tuple(
    fc.constantFrom(
      'id',
      'name',
      'phone',
      'responsibleUserId',
      'contactData',
      'uri',
      'contacts',
      'closed',
      'stages',
    ),
    fc.oneof(
      fc.constant(''),
      fc.constant('  '),
      fc.constant('x'.repeat(201)),
      fc.constant('+7 901'),
      fc.constant('ftp://example.com'),
      fc.constant([]),
      fc.constant([{}]),
      fc.integer(),
      fc.constant(null),
      fc.constant({}),
    ),
  ),
  fc.constantFrom('NAME', 'extra', '__proto__').map((key) => [key, 1] as const),
);

function batch(kind: EntityKind) {
  return fc
    .tuple(
      fc.array(VALID[kind], { minLength: 1, maxLength: 6 }),
      fc.array(fc.tuple(fc.nat(), breakage), { maxLength: 2 }),
      fc.boolean(),
    )
    .map(([items, breaks, repeatId]) => {
      const out = items.map((item, index) => ({ ...item, id: `${String(item.id)}#${index}` }));
      for (const [at, [key, value]] of breaks) {
        const item = out[at % out.length] as Record<string, unknown>;
        if (value === null) delete item[key];
        else
          Object.defineProperty(item, key, {
            value,
            enumerable: true,
            writable: true,
            configurable: true,
          });
      }
      if (repeatId && out.length > 1) (out[1] as Record<string, unknown>).id = out[0]?.id;
      return out;
    });
}

type Verdict = { ok: true } | { ok: false; code: string; at: string };

/** The index and top-level field of a dotted field (`3.contactData.0.chatId` → `3.contactData`). */
const top = (field: string) => field.split('.').slice(0, 2).join('.');

async function coreVerdict(
  kind: EntityKind,
  items: unknown[],
  unknownKeys: UnknownKeyMode,
): Promise<Verdict & { sent: boolean }> {
  const mock = createWazzupMock({
    apiKeys: [DEMO_API_KEY],
    channels: [],
    rateLimit: false,
    unknownKeys,
  });
  const wazzup = createWazzup({
    apiKey: DEMO_API_KEY,
    fetch: mock.fetch,
    maxRetries: 0,
    rateLimit: false,
    unknownKeys,
  });
  const resource = kind === 'pipelines' ? wazzup.pipelines : wazzup[kind];
  try {
    await resource.upsert(items as never);
    return { ok: true, sent: mock.requests.length > 0 };
  } catch (error) {
    if (!(error instanceof WazzupError)) throw error;
    const { code, field = '' } = error as WazzupError & { code: string; field?: string };
    return { ok: false, code, at: top(field), sent: mock.requests.length > 0 };
  }
}

function mockVerdict(kind: EntityKind, items: unknown[], unknownKeys: UnknownKeyMode): Verdict {
  const rejection = validateBatch(kind, JSON.parse(JSON.stringify(items)), unknownKeys);
  return rejection ? { ok: false, code: rejection.code, at: top(rejection.field) } : { ok: true };
}

describe.each(
  (['users', 'contacts', 'deals', 'pipelines'] as const).flatMap((kind) =>
    (['refuse', 'pass'] as const).map((unknownKeys) => [kind, unknownKeys] as const),
  ),
)('differential: core and the mock agree on %s batches, unknown keys %s', (kind, unknownKeys) => {
  it('accepts what the mock accepts and refuses what it refuses, with its code and item', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(batch(kind), fc.array(VALID[kind], { minLength: 1, maxLength: 4 })),
        async (items) => {
          const core = await coreVerdict(kind, items, unknownKeys);
          const { sent, ...verdict } = core;
          expect(verdict).toEqual(mockVerdict(kind, items, unknownKeys));
          // Refused locally: nothing reached the mock. Accepted: it was sent, and stored.
          expect(sent).toBe(core.ok);
        },
      ),
      { numRuns: runs },
    );
  });
});
