// The one table of what the service says about each chat type: how its chat is named, how long a
// text may be and the code past it, and which button layout it takes. The send schema, contacts,
// the iframe's chats, the JSON Schema and the README's channel table all read it; the fake API
// (@wazzup-sdk/mock) keeps its own copy, written from the same pages, and the differential suites
// keep the two equal.

/** Every chat type the send page lists, in its order. */
export const CHAT_TYPES = [
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
] as const;

/** A chat type the service documents. */
export type ChatType = (typeof CHAT_TYPES)[number];

/**
 * How a chat type takes buttons: `list`, WABA's flat list of at most 10; `rows`, a Telegram bot's
 * keyboard (an array of rows, each an array of buttons); `max`, a MAX bot's rows of typed
 * buttons; `none`, no buttons (the service answers `MESSAGES_CONTAIN_BUTTONS`).
 */
export type ButtonLayout = 'list' | 'rows' | 'max' | 'none';

/** How a chat's `chatId` is written. */
export type ChatIdFormat =
  /** A phone number: digits only, with the country code (WhatsApp: 9 to 16 of them). */
  | 'phone'
  /** An account name without the leading `@`. */
  | 'account'
  /** An id the service hands out, in webhooks or in a send's answer: any non-blank string. */
  | 'issued';

/** What the service documents about one chat type. */
export interface ChatRule {
  /** The messenger, as a person names it. */
  readonly messenger: string;
  /** The channel transports (`GET /v3/channels`) that reach it. */
  readonly transports: readonly string[];
  readonly chatId: ChatIdFormat;
  /** How many digits a `phone` chatId has, where the service says. */
  readonly chatIdLength?: readonly [number, number] | undefined;
  /** The code the send route answers for a chatId in the wrong format, where it has its own. */
  readonly badChatId?: string | undefined;
  /** Fields that may stand in for `chatId` when it is not known yet. */
  readonly reachBy: readonly ('username' | 'phone')[];
  /** Longest text, in code points. */
  readonly textLimit: number;
  /** The code the service answers past `textLimit`. */
  readonly tooLong: string;
  readonly buttons: ButtonLayout;
  /** Longest button text, in code points; `undefined` when no source gives one. */
  readonly buttonText?: number | undefined;
}

/**
 * The facts per chat type, from the send page (English and Russian) and its error table. Where
 * the two pages differ the smaller limit is kept (Instagram: 1 000; VK: 1 000 where its error row
 * says 4 096); `textLimits` overrides any of them per client.
 */
export const CHAT_RULES: Readonly<Record<ChatType, ChatRule>> = {
  whatsapp: {
    messenger: 'WhatsApp',
    transports: ['whatsapp', 'wapi'],
    chatId: 'phone',
    chatIdLength: [9, 16],
    badChatId: 'CHAT_INCORRECT_CHAT_ID_WHATSAPP',
    reachBy: [],
    textLimit: 10_000,
    tooLong: 'MESSAGE_TEXT_TOO_LONG',
    buttons: 'list',
    buttonText: 20,
  },
  whatsgroup: {
    messenger: 'WhatsApp group',
    transports: ['whatsapp'],
    chatId: 'issued',
    reachBy: [],
    textLimit: 10_000,
    tooLong: 'MESSAGE_TEXT_TOO_LONG',
    buttons: 'none',
  },
  viber: {
    messenger: 'Viber',
    transports: ['viber'],
    chatId: 'phone',
    reachBy: [],
    textLimit: 6_999,
    tooLong: 'MESSAGES_TOO_LONG_VIBER',
    buttons: 'none',
  },
  instagram: {
    messenger: 'Instagram',
    transports: ['instagram'],
    chatId: 'account',
    reachBy: [],
    textLimit: 1_000,
    tooLong: 'MESSAGES_TOO_LONG_INSTAGRAM',
    buttons: 'none',
  },
  telegram: {
    messenger: 'Telegram',
    transports: ['tgapi', 'telegram'],
    chatId: 'issued',
    reachBy: ['username', 'phone'],
    textLimit: 4_096,
    tooLong: 'MESSAGES_TOO_LONG_TELEGRAM',
    buttons: 'rows',
    buttonText: 64,
  },
  telegroup: {
    messenger: 'Telegram group',
    transports: ['tgapi', 'telegram'],
    chatId: 'issued',
    reachBy: [],
    textLimit: 4_096,
    tooLong: 'MESSAGES_TOO_LONG_TELEGRAM',
    buttons: 'rows',
    buttonText: 64,
  },
  vk: {
    messenger: 'VK',
    transports: ['vk'],
    chatId: 'issued',
    reachBy: [],
    textLimit: 1_000,
    tooLong: 'MESSAGES_TOO_LONG_VK',
    buttons: 'none',
  },
  avito: {
    messenger: 'Avito',
    transports: ['avito'],
    chatId: 'issued',
    reachBy: [],
    textLimit: 1_000,
    tooLong: 'MESSAGES_TOO_LONG_AVITO',
    buttons: 'none',
  },
  max: {
    messenger: 'MAX',
    transports: ['max', 'maxbot'],
    chatId: 'issued',
    reachBy: ['phone'],
    textLimit: 4_096,
    tooLong: 'MESSAGE_TEXT_TOO_LONG',
    buttons: 'max',
  },
  maxgroup: {
    messenger: 'MAX group',
    transports: ['max', 'maxbot'],
    chatId: 'issued',
    reachBy: [],
    textLimit: 4_096,
    tooLong: 'MESSAGE_TEXT_TOO_LONG',
    buttons: 'max',
  },
};

/**
 * WABA (transport `wapi`) sends to `whatsapp` chats with limits of its own. Locally a message is
 * known to be WABA by what only WABA takes: buttons, or a template.
 */
export const WABA_RULE = {
  transport: 'wapi',
  textLimit: 1_024,
  tooLong: 'MESSAGES_TOO_LONG_WABA',
  /** A template's text. */
  templateTextLimit: 550,
  templateTooLong: 'MESSAGES_TOO_LONG_WABA_TEMPLATE',
  /** Most buttons: the page says extra ones are dropped; the SDK refuses them instead. */
  maxButtons: 10,
} as const;

/** MAX button types and intents. */
export const MAX_BUTTON_TYPES = ['callback', 'link', 'message'] as const;
export const MAX_BUTTON_INTENTS = ['default', 'positive', 'negative'] as const;

/** The rule of a chat type, or `undefined` for one this SDK does not know (allowed per client). */
export function chatRule(chatType: string): ChatRule | undefined {
  return Object.hasOwn(CHAT_RULES, chatType) ? CHAT_RULES[chatType as ChatType] : undefined;
}
