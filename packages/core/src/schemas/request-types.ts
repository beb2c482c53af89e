import type * as v from 'valibot';
import type { UnknownKeys } from './exact-object';
import type { TextLimits } from './limits';

// The send request's public types: what a caller may write. The schema (request.ts) checks the
// same rules at run time, and request.test-d.ts holds the two to each other.

/** A button of a WABA interactive message (`text`), or the payload of a template's button. */
export interface WabaButton {
  /** Button text, at most 20 characters; for interactive messages. */
  text?: string;
  /** The only supported type is `"text"`. */
  type?: 'text';
  /** Payload bound to a template's button. */
  payload?: string;
}

/** A Telegram bot's keyboard button. */
export interface TelegramButton {
  /** Button text, at most 64 characters. */
  text?: string;
  /** An inline button's link. */
  url?: string;
  /** What an inline button sends back to the bot. */
  callbackData?: string;
}

/** A MAX bot's button. */
export interface MaxButton {
  /** `callback` sends `payload` to the bot, `link` opens `url`, `message` sends its text. */
  type: 'callback' | 'link' | 'message';
  text?: string;
  payload?: string;
  url?: string;
  /** How MAX colours the button. */
  intent?: 'default' | 'positive' | 'negative';
}

/** WABA buttons: one flat list of at most 10, or template payloads. */
export interface WabaButtons {
  buttons?: WabaButton[];
  /** Payload from interactive message buttons. */
  id?: string;
  /** Payload from template message buttons. */
  payload?: string;
}

/** A Telegram bot's keyboard: rows of buttons, top to bottom. */
export interface TelegramButtons {
  buttons?: TelegramButton[][];
  /** `inline` (under the message) or `reply` (in place of the keyboard). */
  replyMarkup?: string;
  /** Takes away a reply keyboard shown before. */
  removeKeyboard?: boolean;
  /** Hides the reply keyboard once a button is pressed. */
  oneTimeKeyboard?: boolean;
}

/** A MAX bot's buttons: rows of typed buttons. */
export interface MaxButtons {
  /** Says the block is MAX's. */
  chatType?: 'max';
  buttons?: MaxButton[][];
}

/** Buttons of any layout. */
export type ButtonsObject = WabaButtons | TelegramButtons | MaxButtons;

/** Fields every message may carry, whatever its chat and content. */
export interface MessageFields {
  /** The channel (a UUID) to send through. */
  channelId: string;
  /** Id of the message to quote. */
  refMessageId?: string;
  /** The CRM user sending, as registered with the users API. */
  crmUserId?: string;
  /** Your id for this message; the service refuses a second message with the same one (~60 s). */
  crmMessageId?: string;
  /** `false` keeps the unanswered counter as it is (for automated replies). */
  clearUnanswered?: boolean;
  /** Values for the template's variables. */
  templateValues?: string[];
}

type ByChatId = { chatId: string; username?: never; phone?: never };

/**
 * Who receives the message: the chat type decides how the chat may be named and which buttons
 * it takes. The last member takes any chat type (an incoming message's `chatType`, a type the
 * service adds later) named by `chatId`, without buttons, so a reply needs no cast.
 */
export type ChatTarget =
  | ({ chatType: 'whatsapp'; buttonsObject?: WabaButtons } & ByChatId)
  | ({
      chatType: 'whatsgroup' | 'viber' | 'instagram' | 'vk' | 'avito';
      buttonsObject?: never;
    } & ByChatId)
  | ({ chatType: 'telegroup'; buttonsObject?: TelegramButtons } & ByChatId)
  | ({ chatType: 'maxgroup'; buttonsObject?: MaxButtons } & ByChatId)
  | ({ chatType: 'telegram'; buttonsObject?: TelegramButtons } & (
      | { chatId: string; username?: string; phone?: string }
      | { chatId?: string; username: string; phone?: string }
      | { chatId?: string; username?: string; phone: string }
    ))
  | ({ chatType: 'max'; buttonsObject?: MaxButtons; username?: never } & (
      | { chatId: string; phone?: string }
      | { chatId?: string; phone: string }
    ))
  | ({ chatType: string & {}; buttonsObject?: never } & ByChatId);

/** What is sent: a text, a file by URL, or a WABA template — text and file never together. */
export type MessageContent =
  | { text: string; contentUri?: never; templateId?: string }
  | { contentUri: string; text?: never; templateId?: string }
  | { templateId: string; text?: never; contentUri?: never };

/** A valid body for `POST /v3/message`. */
export type SendMessageRequest = MessageFields & ChatTarget & MessageContent;

/** Options that change which requests are valid, mirroring what a given account's server allows. */
export interface RequestSchemaOptions {
  /** Per-chat-type text limits in code points, over the table's. */
  textLimits?: TextLimits | undefined;
  /** Chat types to accept beyond the ten the service documents; they skip per-type checks. */
  allowChatTypes?: readonly string[] | undefined;
  /** Refuse unknown keys (the default) or send them as they are. */
  unknownKeys?: UnknownKeys | undefined;
}

/** The valibot schema type of a send-message request. */
export type SendMessageRequestSchemaType = v.GenericSchema<SendMessageRequest>;
