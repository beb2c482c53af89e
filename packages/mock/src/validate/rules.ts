// What the send page says of each chat type, written here from the pages themselves and not taken
// from @wazzup-sdk/core, so that the differential suites can hold the two copies to each other.

/** How a chat type takes buttons (see `CHATS`). */
export type Buttons = 'waba' | 'telegram' | 'max' | 'none';

/** The facts of one chat type. */
export interface ChatFacts {
  /** Who reaches it: the channel transports, as `GET /v3/channels` names them. */
  transports: readonly string[];
  /** `digits`: a phone number; `no-at`: an account without @; `any`: an id the service issued. */
  chatId: 'digits' | 'no-at' | 'any';
  /** Digits a WhatsApp number has. */
  digits?: readonly [number, number];
  /** What may stand in for a chatId. */
  alternatives: readonly string[];
  /** Longest text, in code points, and the code past it. */
  maxText: number;
  tooLong: string;
  buttons: Buttons;
  /** Longest button text. */
  maxButtonText?: number;
}

/** Every chat type the send page lists, with its facts. */
export const CHATS: Readonly<Record<string, ChatFacts>> = {
  whatsapp: {
    transports: ['whatsapp', 'wapi'],
    chatId: 'digits',
    digits: [9, 16],
    alternatives: [],
    maxText: 10000,
    tooLong: 'MESSAGE_TEXT_TOO_LONG',
    buttons: 'waba',
    maxButtonText: 20,
  },
  whatsgroup: {
    transports: ['whatsapp'],
    chatId: 'any',
    alternatives: [],
    maxText: 10000,
    tooLong: 'MESSAGE_TEXT_TOO_LONG',
    buttons: 'none',
  },
  viber: {
    transports: ['viber'],
    chatId: 'digits',
    alternatives: [],
    maxText: 6999,
    tooLong: 'MESSAGES_TOO_LONG_VIBER',
    buttons: 'none',
  },
  instagram: {
    transports: ['instagram'],
    chatId: 'no-at',
    alternatives: [],
    maxText: 1000,
    tooLong: 'MESSAGES_TOO_LONG_INSTAGRAM',
    buttons: 'none',
  },
  telegram: {
    transports: ['tgapi', 'telegram'],
    chatId: 'any',
    alternatives: ['username', 'phone'],
    maxText: 4096,
    tooLong: 'MESSAGES_TOO_LONG_TELEGRAM',
    buttons: 'telegram',
    maxButtonText: 64,
  },
  telegroup: {
    transports: ['tgapi', 'telegram'],
    chatId: 'any',
    alternatives: [],
    maxText: 4096,
    tooLong: 'MESSAGES_TOO_LONG_TELEGRAM',
    buttons: 'telegram',
    maxButtonText: 64,
  },
  vk: {
    transports: ['vk'],
    chatId: 'any',
    alternatives: [],
    maxText: 1000,
    tooLong: 'MESSAGES_TOO_LONG_VK',
    buttons: 'none',
  },
  avito: {
    transports: ['avito'],
    chatId: 'any',
    alternatives: [],
    maxText: 1000,
    tooLong: 'MESSAGES_TOO_LONG_AVITO',
    buttons: 'none',
  },
  max: {
    transports: ['max', 'maxbot'],
    chatId: 'any',
    alternatives: ['phone'],
    maxText: 4096,
    tooLong: 'MESSAGE_TEXT_TOO_LONG',
    buttons: 'max',
  },
  maxgroup: {
    transports: ['max', 'maxbot'],
    chatId: 'any',
    alternatives: [],
    maxText: 4096,
    tooLong: 'MESSAGE_TEXT_TOO_LONG',
    buttons: 'max',
  },
};

/** WABA: a `wapi` channel's own limits for `whatsapp` chats. */
export const WABA = {
  maxText: 1024,
  tooLong: 'MESSAGES_TOO_LONG_WABA',
  maxTemplateText: 550,
  templateTooLong: 'MESSAGES_TOO_LONG_WABA_TEMPLATE',
  maxButtons: 10,
} as const;

/** Every chat type the service knows. */
export const SERVICE_CHAT_TYPES: readonly string[] = Object.keys(CHATS);

/** Text limits per chat type, in code points. */
export const SERVICE_TEXT_LIMITS: Readonly<Record<string, number>> = Object.fromEntries(
  Object.entries(CHATS).map(([chatType, facts]) => [chatType, facts.maxText]),
);

/** What the mock's validation accepts; a test can narrow or widen it to match a client. */
export interface ValidationRules {
  chatTypes: readonly string[];
  /** Over each chat type's own limit. */
  textLimits: Readonly<Record<string, number>>;
  /**
   * Keys no page documents: `pass` (the service as far as anyone knows: no source says it refuses
   * them) or `refuse`, answered `INVALID_MESSAGE_DATA` naming the key. Default `pass`.
   */
  unknownKeys?: 'pass' | 'refuse';
}

/** Why a request was refused: the service's code, the field, and words for a person. */
export interface Rejection {
  code: string;
  field: string;
  description: string;
}
