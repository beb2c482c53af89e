import type * as v from 'valibot';
import type { ChatType, ExtraChatType } from './chat-types';
import type { TextLimits } from './limits';

// The send request's public types: what a caller may write. The schema (request.ts) checks the
// same rules at run time, and request.test-d.ts holds the two to each other.

/** One button of an interactive message, or the payload of a template's button. */
export interface Button {
  /** Button text, at most 20 characters; for interactive messages. */
  text?: string;
  /** The only supported type is `"text"`. */
  type?: 'text';
  /** Payload bound to a template's button. */
  payload?: string;
  /** A link button's address (newer send pages). */
  url?: string;
  /** Data a Telegram button sends back when pressed (newer send pages). */
  callbackData?: string;
}

/** Buttons attached to a message (WABA templates and interactive messages). */
export interface ButtonsObject {
  /** At most 10 buttons. */
  buttons?: Button[];
  /** Payload from interactive message buttons. */
  id?: string;
  /** Payload from template message buttons. */
  payload?: string;
  /** How the buttons are shown (newer send pages). */
  replyMarkup?: string;
  /** Remove a keyboard shown before. */
  removeKeyboard?: boolean;
  /** Hide the keyboard once a button is pressed. */
  oneTimeKeyboard?: boolean;
}

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
  /** Buttons for WABA templates and interactive messages. */
  buttonsObject?: ButtonsObject;
}

/** Who receives the message: the chat type decides which ways of naming the chat are allowed. */
export type ChatTarget =
  | {
      chatType: Exclude<ChatType, 'telegram'>;
      chatId: string;
      username?: never;
      phone?: never;
    }
  | { chatType: 'telegram'; chatId: string; username?: string; phone?: string }
  | { chatType: 'telegram'; chatId?: string; username: string; phone?: string }
  | { chatType: 'telegram'; chatId?: string; username?: string; phone: string }
  | { chatType: ExtraChatType; chatId?: string; username?: string; phone?: string };

/** What is sent: a text, a file by URL, or a WABA template — text and file never together. */
export type MessageContent =
  | { text: string; contentUri?: never; templateId?: string }
  | { contentUri: string; text?: never; templateId?: string }
  | { templateId: string; text?: never; contentUri?: never };

/** A valid body for `POST /v3/message`. */
export type SendMessageRequest = MessageFields & ChatTarget & MessageContent;

/** Options that change which requests are valid, mirroring what a given account's server allows. */
export interface RequestSchemaOptions {
  /** Per-chat-type text limits in code points, over the page's defaults. */
  textLimits?: TextLimits;
  /** Extra chat types to accept (e.g. `viber`, `telegroup`); they skip per-type checks. */
  allowChatTypes?: readonly string[];
}

/** The valibot schema type of a send-message request. */
export type SendMessageRequestSchemaType = v.GenericSchema<SendMessageRequest>;
