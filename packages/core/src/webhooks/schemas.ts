import * as v from 'valibot';
import type { ChatType } from '../schemas/chat-types';
import { deferred } from '../schemas/deferred';
import { numeric } from '../schemas/numeric';

// What the service POSTs to the webhook address, read as leniently as it writes: unknown fields
// kept, unknown values of every enum (a new chat type, state, status or message type) passed as
// strings. Every schema is built by a function called once, so importing costs nothing.

/** Chat types of incoming messages: the ten the service documents; others pass as strings. */
export type WebhookChatType = ChatType | (string & {});

/** Kinds of message content; others pass as strings. */
export type WebhookMessageType =
  | 'text'
  | 'image'
  | 'audio'
  | 'video'
  | 'document'
  | 'vcard'
  | 'geo'
  | 'wapi_template'
  | 'unsupported'
  | 'missing_call'
  | 'unknown'
  | 'system'
  | (string & {});

/** Codes the pages list for a message that failed (`status: 'error'`); others pass as strings. */
export type WebhookErrorCode =
  | 'BAD_CONTACT'
  | 'CHATID_IGSID_MISMATCH'
  | 'TOO_LONG_TEXT'
  | 'BAD_LINK'
  | 'TOO_BIG_CONTENT'
  | 'SPAM'
  | 'TOO_MANY_EXT_REQS'
  | 'WRONG_CONTENT'
  | 'MESSAGE_CANCELLED'
  | '24_HOURS_EXCEEDED'
  | 'COMMENT_DELETED'
  | 'MENTION_FORBIDDEN'
  | 'CONTENT_CONVERSION_ERROR'
  | 'MESSAGE_DELETED'
  | 'CHANNEL_REJECTED'
  | '7_DAYS_EXCEEDED'
  | 'COMMENT_ALREADY_PRIVATE_REPLIED'
  | 'COMMENT_INVALID_FOR_PRIVATE_REPLY'
  | 'COMMENT_CAN_BE_TEXT_ONLY'
  | 'CANNOT_REPLY_TO_DELETED'
  | 'GENERAL_ERROR'
  | 'UNKNOWN_ERROR'
  | (string & {});

/** A message's delivery status, lower-cased (pages disagree on case); others pass as strings. */
export type WebhookStatus =
  | 'sent'
  | 'delivered'
  | 'read'
  | 'error'
  | 'inbound'
  | 'edited'
  | (string & {});

/** An error the service reports on a message or status. */
export interface WebhookError {
  error: WebhookErrorCode;
  description?: string | undefined;
  data?: unknown;
  [field: string]: unknown;
}

/** One item of a `messages` delivery (unknown fields kept). */
export interface WebhookMessage {
  messageId: string;
  channelId: string;
  chatType: WebhookChatType;
  chatId: string;
  avitoProfileId?: string | undefined;
  /** Avito only: the advert the chat is about (its shape is not documented). */
  advert?: unknown;
  dateTime: string;
  type: WebhookMessageType;
  status: WebhookStatus;
  error?: WebhookError | undefined;
  text?: string | undefined;
  contentUri?: string | undefined;
  authorName?: string | undefined;
  authorId?: string | undefined;
  /** `false` for an incoming message, `true` for an outgoing one (an echo). */
  isEcho: boolean;
  contact?:
    | {
        name?: string;
        avatarUri?: string;
        username?: string;
        phone?: string;
        [field: string]: unknown;
      }
    | undefined;
  instPost?: unknown;
  interactive?: unknown;
  quotedMessage?: unknown;
  sentFromApp?: boolean | undefined;
  isEdited?: boolean | undefined;
  isDeleted?: boolean | undefined;
  oldInfo?: { oldText?: string; oldAuthorId?: string; oldAuthorName?: string } | undefined;
  [field: string]: unknown;
}

/** One item of a `statuses` delivery. */
export interface WebhookStatusUpdate {
  messageId: string;
  /** When it happened, as the service wrote it (an ISO string). */
  timestamp: string;
  status: WebhookStatus;
  error?: WebhookError | undefined;
  [field: string]: unknown;
}

/** One item of a `channelsUpdates` delivery. */
export interface WebhookChannelUpdate {
  channelId: string;
  state: string;
  /** When it happened, in ms. */
  timestamp: number;
  /** WABA only: `TIER_0`, `TIER_1K`, `TIER_10K`, `TIER_100K`, `TIER_UNLIMITED`. */
  tier?: string | undefined;
  /** With state `qr`: the QR code as a base64 data URL. */
  qr?: string | undefined;
  [field: string]: unknown;
}

/** A `templateStatus` delivery; `status` is upper-cased (examples come lower-case). */
export interface WebhookTemplateStatus {
  templateGuid: string;
  name?: string | undefined;
  status: 'APPROVED' | 'PENDING' | 'REJECTED' | 'PAUSED' | 'DISABLED' | 'ARCHIVED' | (string & {});
  [field: string]: unknown;
}

/** The service asks the CRM to create a contact, and wants it back in the answer. */
export interface WebhookCreateContact {
  responsibleUserId: string;
  name?: string | undefined;
  contactData: { chatType: string; chatId: string; [field: string]: unknown }[];
  source?: 'auto' | 'byUser' | (string & {});
  [field: string]: unknown;
}

/** The service asks the CRM to create a deal, and wants it back in the answer. */
export interface WebhookCreateDeal {
  responsibleUserId: string;
  contacts: string[];
  source?: 'auto' | 'byUser' | (string & {});
  [field: string]: unknown;
}

const optionalString = () => v.optional(v.nullish(v.string()), undefined);
const lower = () =>
  v.pipe(
    v.string(),
    v.transform((value) => value.toLowerCase()),
  );
const ErrorSchema = () =>
  v.looseObject({
    error: v.string(),
    description: optionalString(),
    data: v.optional(v.unknown()),
  });

/** Schema of one `messages` item. */
export const WebhookMessageSchema: v.GenericSchema<unknown, WebhookMessage> =
  /* @__PURE__ */ deferred(
    () =>
      v.looseObject({
        messageId: v.string(),
        channelId: v.string(),
        chatType: v.string(),
        chatId: v.string(),
        avitoProfileId: optionalString(),
        dateTime: v.string(),
        type: v.string(),
        status: lower(),
        error: v.optional(ErrorSchema()),
        text: optionalString(),
        contentUri: optionalString(),
        authorName: optionalString(),
        authorId: optionalString(),
        isEcho: v.optional(v.boolean(), false),
        contact: v.optional(v.looseObject({})),
        sentFromApp: v.optional(v.boolean()),
        isEdited: v.optional(v.boolean()),
        isDeleted: v.optional(v.boolean()),
        oldInfo: v.optional(v.looseObject({})),
      }) as unknown as v.GenericSchema<unknown, WebhookMessage>,
  );

/** Schema of one `statuses` item. */
export const WebhookStatusSchema: v.GenericSchema<unknown, WebhookStatusUpdate> =
  /* @__PURE__ */ deferred(
    () =>
      v.looseObject({
        messageId: v.string(),
        timestamp: v.string(),
        status: lower(),
        error: v.optional(ErrorSchema()),
      }) as unknown as v.GenericSchema<unknown, WebhookStatusUpdate>,
  );

/** Schema of one `channelsUpdates` item. */
export const WebhookChannelUpdateSchema: v.GenericSchema<unknown, WebhookChannelUpdate> =
  /* @__PURE__ */ deferred(
    () =>
      v.looseObject({
        channelId: v.string(),
        state: v.string(),
        timestamp: numeric(),
        tier: optionalString(),
        qr: optionalString(),
      }) as unknown as v.GenericSchema<unknown, WebhookChannelUpdate>,
  );

/** Schema of a `templateStatus` delivery. */
export const WebhookTemplateStatusSchema: v.GenericSchema<unknown, WebhookTemplateStatus> =
  /* @__PURE__ */ deferred(
    () =>
      v.looseObject({
        templateGuid: v.string(),
        name: optionalString(),
        status: v.pipe(
          v.string(),
          v.transform((value) => value.toUpperCase()),
        ),
      }) as unknown as v.GenericSchema<unknown, WebhookTemplateStatus>,
  );

/** Schema of a `createContact` request. */
export const WebhookCreateContactSchema: v.GenericSchema<unknown, WebhookCreateContact> =
  /* @__PURE__ */ deferred(
    () =>
      v.looseObject({
        responsibleUserId: v.string(),
        name: optionalString(),
        contactData: v.array(v.looseObject({ chatType: v.string(), chatId: v.string() })),
        source: v.optional(v.string()),
      }) as unknown as v.GenericSchema<unknown, WebhookCreateContact>,
  );

/** Schema of a `createDeal` request. */
export const WebhookCreateDealSchema: v.GenericSchema<unknown, WebhookCreateDeal> =
  /* @__PURE__ */ deferred(
    () =>
      v.looseObject({
        responsibleUserId: v.string(),
        contacts: v.array(v.string()),
        source: v.optional(v.string()),
      }) as unknown as v.GenericSchema<unknown, WebhookCreateDeal>,
  );
