import { CHATS } from './rules';

// The CRM routes' rules, written from the v3 pages independently of @wazzup-sdk/core (as the
// send rules are), so core's schemas and these can be checked against each other. A batch is
// checked item by item, and the first bad item is the answer: its index and the fields at fault,
// as the service's `data: [{ index, fields }]` reports them.

/** The first bad item of a batch, as the service reports it. */
export interface BatchRejection {
  code: string;
  /** 400, or the status the service uses for that code. */
  description: string;
  /** `[{ index, fields }]` for item errors; absent for the batch itself. */
  data?: { index: number; fields: string[] }[];
  /** The item's index and first field, dotted (`3.name`), for tests to compare with core. */
  field: string;
}

/** Whether keys no page documents are passed (the default) or refused. */
export type UnknownKeyMode = 'pass' | 'refuse';

type Item = Record<string, unknown>;
type Check = (value: unknown, mode: UnknownKeyMode) => boolean;

const isObject = (value: unknown): value is Item =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const nonBlank =
  (max: number): Check =>
  (value) =>
    typeof value === 'string' && value.trim() !== '' && value.length <= max;
const digits: Check = (value) => typeof value === 'string' && /^[0-9]+$/.test(value);
const httpUrl: Check = (value, mode) => {
  if (!nonBlank(200)(value, mode)) return false;
  try {
    return /^https?:$/.test(new URL(value as string).protocol);
  } catch {
    return false;
  }
};
const optional =
  (check: Check): Check =>
  (value, mode) =>
    value === undefined || value === null || check(value, mode);
const arrayOf =
  (check: Check, min = 0): Check =>
  (value, mode) =>
    Array.isArray(value) && value.length >= min && value.every((item) => check(item, mode));

/** An object with these fields (unknown ones refused unless passed), each passing its check. */
function shape(fields: Record<string, Check>): (value: unknown, mode: UnknownKeyMode) => string[] {
  return (value, mode) => {
    if (!isObject(value)) return [''];
    // Own keys only: `in` would take `__proto__` for a field every object has.
    const unknown =
      mode === 'refuse' ? Object.keys(value).filter((key) => !Object.hasOwn(fields, key)) : [];
    const bad = Object.entries(fields)
      .filter(([key, check]) => !check(value[key], mode))
      .map(([key]) => key);
    return [...unknown, ...bad];
  };
}
const valid =
  (check: (value: unknown, mode: UnknownKeyMode) => string[]): Check =>
  (value, mode) =>
    check(value, mode).length === 0;

const chatFields = shape({
  chatType: nonBlank(100),
  chatId: optional(nonBlank(200)),
  username: optional((value) => nonBlank(200)(value, 'pass') && !String(value).startsWith('@')),
  phone: optional(digits),
});

/** Whether a contact's chat is named as a send names it: the chat type's own rule. */
const chatNamed: Check = (value) => {
  const chat = value as Item;
  const facts = CHATS[chat.chatType as string];
  const alternatives = facts ? facts.alternatives : ['username', 'phone'];
  const chatId = chat.chatId as string | undefined;
  if (chatId === undefined || chatId === null) {
    if (!alternatives.some((field) => chat[field] !== undefined && chat[field] !== null))
      return false;
  } else if (facts?.chatId === 'digits') {
    const [min, max] = facts.digits ?? [1, Number.MAX_SAFE_INTEGER];
    if (!/^[0-9]+$/.test(chatId) || chatId.length < min || chatId.length > max) return false;
  } else if (facts?.chatId === 'no-at' && chatId.startsWith('@')) return false;
  return ['username', 'phone'].every(
    (field) => chat[field] === undefined || chat[field] === null || alternatives.includes(field),
  );
};

const chat: Check = (value, mode) => valid(chatFields)(value, mode) && chatNamed(value, mode);

/** The rules of one batch route: the code the service answers, and the bad fields of an item. */
interface EntityRule {
  code: string;
  item: (value: unknown, mode: UnknownKeyMode) => string[];
}

/** Which batch route. */
export type EntityKind = 'users' | 'contacts' | 'deals' | 'pipelines';

/** The item rules of each batch route, with the code the service answers. */
export const ENTITY_RULES: Readonly<Record<EntityKind, EntityRule>> = {
  users: {
    code: 'INVALID_USERS_DATA',
    // A phone in a wrong format is no error: the service drops it.
    item: shape({
      id: nonBlank(200),
      name: nonBlank(200),
      phone: optional((value) => typeof value === 'string'),
    }),
  },
  contacts: {
    code: 'INVALID_CONTACTS_DATA',
    item: shape({
      id: nonBlank(100),
      responsibleUserId: nonBlank(100),
      name: nonBlank(200),
      contactData: arrayOf(chat, 1),
      uri: optional(httpUrl),
    }),
  },
  deals: {
    code: 'INVALID_DEALS_DATA',
    item: shape({
      id: nonBlank(100),
      responsibleUserId: nonBlank(100),
      name: nonBlank(200),
      uri: httpUrl,
      contacts: arrayOf(nonBlank(1000)),
      closed: (value) => typeof value === 'boolean',
    }),
  },
  pipelines: {
    code: 'VALIDATION_ERROR',
    item: shape({
      id: nonBlank(100),
      name: nonBlank(100),
      // An empty stages array is refused: leave it out.
      stages: optional(arrayOf(valid(shape({ id: nonBlank(100), name: nonBlank(100) })), 1)),
    }),
  },
};

/**
 * Checks a batch body: an array of at most 100 valid items with distinct ids. Keys no page
 * documents pass unless `unknownKeys` is `refuse`.
 */
export function validateBatch(
  kind: EntityKind,
  body: unknown,
  unknownKeys: UnknownKeyMode = 'pass',
): BatchRejection | undefined {
  const { code, item } = ENTITY_RULES[kind];
  if (!Array.isArray(body)) return { code, description: 'The body must be an array', field: '' };
  if (body.length > 100) {
    return { code: 'TOO_MANY_ENTITIES', description: 'At most 100 items at once', field: '' };
  }
  // Every item's own fields first, then repeated ids (the service answered a 500 to one request
  // naming an id twice).
  const refuse = (index: number, fields: string[]): BatchRejection => ({
    code,
    description: `Item ${index} is invalid: ${fields.join(', ') || 'not an object'}`,
    data: [{ index, fields }],
    field: [index, fields[0]].filter((part) => part !== '').join('.'),
  });
  for (const [index, entry] of body.entries()) {
    const fields = item(entry, unknownKeys);
    if (fields.length > 0) return refuse(index, fields);
  }
  const seen = new Set<unknown>();
  for (const [index, entry] of body.entries()) {
    const { id } = entry as Item;
    if (seen.has(id)) return refuse(index, ['id']);
    seen.add(id);
  }
  return undefined;
}
