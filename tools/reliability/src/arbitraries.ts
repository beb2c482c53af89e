import fc from 'fast-check';

// Payload generators for the fuzzing and differential suites: valid messages built from the
// page's rules, and invalid ones made by breaking a valid one in one or more ways.

const CHANNEL_ID = 'e0629e11-0f67-4567-92a9-2237e91ec1b9';
const text = (max: number) =>
  fc.string({ minLength: 1, maxLength: max, unit: 'grapheme' }).filter((s) => s.trim() !== '');
const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^\\d{${min},${max}}$`));

const issued = fc.stringMatching(/^[A-Za-z0-9_-]{1,24}$/);
const chat = fc.oneof(
  fc.record({ chatType: fc.constant('whatsapp'), chatId: digits(9, 16) }),
  fc.record({
    chatType: fc.constant('whatsgroup'),
    chatId: fc.stringMatching(/^\d{5,12}-\d{5,12}@g\.us$/),
  }),
  fc.record({ chatType: fc.constant('viber'), chatId: digits(5, 15) }),
  fc.record({
    chatType: fc.constant('instagram'),
    chatId: fc.stringMatching(/^[a-z][a-z0-9_.]{0,20}$/),
  }),
  fc.record({ chatType: fc.constant('telegram'), chatId: digits(5, 12) }),
  fc.record({
    chatType: fc.constant('telegram'),
    username: fc.stringMatching(/^[a-z][a-z0-9_]{4,20}$/),
  }),
  fc.record({ chatType: fc.constant('telegram'), phone: digits(9, 15) }),
  fc.record({ chatType: fc.constantFrom('telegroup', 'vk', 'avito', 'maxgroup'), chatId: issued }),
  fc.record({ chatType: fc.constant('max'), chatId: issued }),
  fc.record({ chatType: fc.constant('max'), phone: digits(9, 15) }),
);

const content = fc.oneof(
  fc.record({ text: text(200) }),
  fc.record({ contentUri: fc.webUrl({ validSchemes: ['https', 'http'] }) }),
  fc.record({ templateId: fc.uuid(), templateValues: fc.array(fc.string(), { maxLength: 3 }) }),
);

const label = (max: number) => fc.string({ minLength: 1, maxLength: max, unit: 'grapheme' });
const link = fc.webUrl({ validSchemes: ['https'] });
/** Each chat type's own buttons, as its layout takes them. */
const LAYOUTS: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  waba: fc.record(
    {
      buttons: fc.array(
        fc.record(
          { text: label(20), type: fc.constant('text'), payload: fc.string() },
          { requiredKeys: [] },
        ),
        { maxLength: 10 },
      ),
      id: fc.string(),
      payload: fc.string(),
    },
    { requiredKeys: [] },
  ),
  telegram: fc.record(
    {
      buttons: fc.array(
        fc.array(
          fc.record(
            { text: label(64), url: link, callbackData: fc.string() },
            { requiredKeys: [] },
          ),
          { maxLength: 3 },
        ),
        { maxLength: 3 },
      ),
      replyMarkup: fc.constantFrom('inline', 'reply'),
      removeKeyboard: fc.boolean(),
      oneTimeKeyboard: fc.boolean(),
    },
    { requiredKeys: [] },
  ),
  max: fc.record(
    {
      chatType: fc.constant('max'),
      buttons: fc.array(
        fc.array(
          fc.record(
            {
              type: fc.constantFrom('callback', 'link', 'message'),
              text: label(30),
              payload: fc.string(),
              url: link,
              intent: fc.constantFrom('default', 'positive', 'negative'),
            },
            { requiredKeys: ['type'] },
          ),
          { maxLength: 3 },
        ),
        { maxLength: 3 },
      ),
    },
    { requiredKeys: [] },
  ),
};
const LAYOUT_OF: Record<string, string> = {
  whatsapp: 'waba',
  telegram: 'telegram',
  telegroup: 'telegram',
  max: 'max',
  maxgroup: 'max',
};

const extras = fc.record(
  {
    refMessageId: fc.uuid(),
    crmUserId: fc.string({ maxLength: 20 }),
    crmMessageId: fc.uuid(),
    clearUnanswered: fc.boolean(),
  },
  { requiredKeys: [] },
);

/** A message the service allows: any chat type, its content, and its own buttons when it has any. */
export const validMessage: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(chat, content, extras)
  .chain(([target, body, more]) => {
    const layout = LAYOUT_OF[target.chatType];
    const message = { channelId: CHANNEL_ID, ...target, ...body, ...more };
    if (!layout) return fc.constant(message);
    return fc
      .option(LAYOUTS[layout] as fc.Arbitrary<Record<string, unknown>>, { nil: undefined })
      .map((buttonsObject) => (buttonsObject ? { ...message, buttonsObject } : message));
  });

/** Any layout's buttons, for any chat type: the wrong layout for most. */
export const anyButtons: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  ...Object.values(LAYOUTS),
);

type Message = Record<string, unknown>;
const set =
  (patch: Message) =>
  (message: Message): Message => ({ ...message, ...patch });
const drop =
  (...keys: string[]) =>
  (message: Message): Message => {
    const copy = { ...message };
    for (const key of keys) delete copy[key];
    return copy;
  };

/** Breaks aimed at each rule, so every code turns up often, not only VALIDATION_ERROR. */
const ruleBreak: fc.Arbitrary<(message: Message) => Message> = fc.oneof(
  fc.constant(drop('chatType')),
  fc
    .constantFrom('facebook', 'WHATSAPP', 'viber', 'max', 'vk', 'telegroup', 'maxgroup', 'avito')
    .map((chatType) => set({ chatType })),
  fc.constant(drop('chatId')),
  fc.constantFrom('', '   ').map((chatId) => set({ chatId })),
  fc
    .constantFrom('+79011112233', '12345678', '12345678901234567', '7901 111 22 33', 'abc')
    .map((chatId) => set({ chatId })),
  fc.constant(set({ chatType: 'instagram', chatId: '@someone' })),
  fc.constant(set({ chatType: 'whatsapp', username: 'durov' })),
  fc.constant(set({ chatType: 'instagram', chatId: 'someone', phone: '79011112233' })),
  fc.constant(set({ text: 'Hi', contentUri: 'https://example.com/a.png' })),
  fc.constant(drop('text', 'contentUri', 'templateId')),
  fc.constantFrom('', ' ', '\n\t').map((text) => set({ text, contentUri: undefined })),
  fc.constantFrom('', ' ').map((contentUri) => set({ contentUri, text: undefined })),
  fc
    .constantFrom('ftp://example.com/a', 'a.png', 'mailto:x@y.z')
    .map((contentUri) => set({ contentUri, text: undefined })),
  fc
    .constantFrom(
      'x'.repeat(10_001),
      'y'.repeat(1_001),
      '😀'.repeat(4_097),
      'z'.repeat(1_025),
      'w'.repeat(551),
      'v'.repeat(7_000),
    )
    .map((text) => set({ text, contentUri: undefined })),
  fc.constantFrom('+79011112233', '7901-111').map((chatId) => set({ chatType: 'viber', chatId })),
  fc.constant(set({ chatType: 'max', username: 'durov' })),
  anyButtons.map((buttonsObject) => set({ buttonsObject })),
  fc.constantFrom('+79011112233', '7901-111').map((phone) => set({ chatType: 'telegram', phone })),
  fc.constantFrom('@durov', ' ').map((username) => set({ chatType: 'telegram', username })),
);

/** Breaks of shape: wrong types, unknown keys, bad buttons. */
const shapeBreak: fc.Arbitrary<(message: Message) => Message> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(
        'channelId',
        'chatType',
        'chatId',
        'text',
        'contentUri',
        'username',
        'phone',
        'templateId',
        'crmMessageId',
        'clearUnanswered',
        'templateValues',
      ),
      fc.oneof(
        fc.integer(),
        fc.boolean(),
        fc.constant([]),
        fc.constant({}),
        fc.constant(['a', 2]),
        fc.string(),
      ),
    )
    .map(([key, value]) => set({ [key]: value })),
  fc.constantFrom('not-a-uuid', '').map((channelId) => set({ channelId })),
  fc.constant(drop('channelId')),
  fc
    .oneof(
      fc.constant('x'),
      fc.constant({ buttons: Array.from({ length: 11 }, () => ({ text: 'x'.repeat(30) })) }),
      fc.constant({ buttons: [{ text: 'x'.repeat(21), type: 'text' }] }),
      fc.constant({ buttons: [{ text: 'ok', type: 'url' }] }),
      fc.constant({ buttons: [{ label: 'ok' }] }),
      fc.constant({ extra: 'x' }),
      fc.constant({ buttons: [[{ text: 'x'.repeat(65) }]] }),
      fc.constant({ buttons: [[{ type: 'callback', intent: 'loud' }]] }),
      fc.constant({ buttons: [[{ text: 'ok' }], 'row'] }),
      fc.constant({ chatType: 'telegram', buttons: [] }),
      fc.constant({ buttons: [[{ text: 'ok', url: 'ftp://x' }]] }),
    )
    .map((buttonsObject) => set({ buttonsObject })),
  fc
    .tuple(fc.constantFrom('chatid', 'Text', 'channel_id', 'message', 'buttons'), fc.string())
    .map(([key, value]) => set({ [key]: value })),
);

/** A message broken in one or two ways; some breaks happen to leave it valid, which is fine. */
export const brokenMessage: fc.Arbitrary<Message> = fc
  .tuple(
    validMessage,
    fc.array(fc.oneof({ arbitrary: ruleBreak, weight: 3 }, { arbitrary: shapeBreak, weight: 1 }), {
      minLength: 1,
      maxLength: 2,
    }),
  )
  .map(([message, breaks]) => {
    const broken = breaks.reduce((current, apply) => apply(current), message);
    // `undefined` means "absent", as the SDK treats it; keep the JSON the wire would carry honest.
    return Object.fromEntries(Object.entries(broken).filter(([, value]) => value !== undefined));
  });

/** Anything at all, as a body. */
export const anyBody: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything(),
  fc.dictionary(fc.string(), fc.anything()),
);
