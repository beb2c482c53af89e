import { CHAT_TYPES } from './chat-types';
import { issueMessage } from './issue-message';
import { isLongerThan, type TextLimits } from './limits';

// The send request's two cross-field rules, as named functions the schema runs after each field's
// own checks: who the chat is, then what is sent. Each reports its first problem only, with the
// code the server would answer and the field.

const WHATSAPP_CHAT_ID = /^\d{9,16}$/;

/** Whether a string is empty or only spaces. */
export function isBlank(text: string): boolean {
  return text.trim() === '';
}

/** Whether a string is an http(s) URL. */
export function isHttpUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** The request as the field checks leave it: one flat object. */
export type Flat = Record<string, unknown> & {
  chatType: string;
  chatId?: string;
  username?: string;
  phone?: string;
  text?: string;
  contentUri?: string;
  templateId?: string;
};
/** valibot's addIssue, as the rules use it. */
export type AddIssue = (info: {
  message: string;
  path: [{ type: 'object'; origin: 'value'; input: Flat; key: string; value: unknown }];
}) => void;

/** Reports a problem at a field (`key`), with the server's code and words for a person. */
export type Report = (key: string, code: string, text: string) => void;

/** A {@link Report} that adds valibot issues. */
export function reporter(addIssue: AddIssue, value: Flat): Report {
  return (key: string, code: string, text: string) =>
    addIssue({
      message: issueMessage(code, text),
      path: [{ type: 'object', origin: 'value', input: value, key, value: value[key] }],
    });
}

/**
 * Who the chat is: a chatId for every chat type but Telegram (and the extra types, which may be
 * reached by username or phone too), a WhatsApp number of 9 to 16 digits, an Instagram account
 * without @, username and phone for Telegram only.
 */
export function checkChatTarget(value: Flat, report: Report): void {
  const { chatType, chatId, username, phone } = value;
  const documented = (CHAT_TYPES as readonly string[]).includes(chatType);
  const byUsernameOrPhone = chatType === 'telegram' || !documented;
  if (chatId === undefined || isBlank(chatId)) {
    if (!byUsernameOrPhone || (username === undefined && phone === undefined)) {
      report(
        'chatId',
        'CHAT_MISSING_CHAT_ID',
        byUsernameOrPhone ? 'chatId, username or phone is required' : 'chatId is required',
      );
    }
  } else if (chatType === 'whatsapp' && !WHATSAPP_CHAT_ID.test(chatId)) {
    report(
      'chatId',
      'CHAT_INCORRECT_CHAT_ID_WHATSAPP',
      'a WhatsApp chatId is the phone number, 9 to 16 digits without + or spaces (e.g. 79011112233)',
    );
  } else if (chatType === 'instagram' && chatId.startsWith('@')) {
    report(
      'chatId',
      'VALIDATION_ERROR',
      'an Instagram chatId is the account without the leading @',
    );
  }
  if (!byUsernameOrPhone) {
    for (const key of ['username', 'phone'] as const) {
      if (value[key] !== undefined) {
        report(
          key,
          'VALIDATION_ERROR',
          `${key} is for Telegram chats only: use chatId for ${chatType}`,
        );
      }
    }
  }
}

/**
 * What is sent: text, a file by URL or a template, never text and file together; neither blank;
 * a downloadable URL; text within the chat type's limit.
 */
export function checkContent(value: Flat, report: Report, textLimits: TextLimits): void {
  const { text, contentUri, templateId, chatType } = value;
  const limit = textLimits[chatType];
  if (text !== undefined && contentUri !== undefined) {
    report(
      'contentUri',
      'MESSAGE_ONLY_TEXT_OR_CONTENT',
      'send either text or contentUri, not both',
    );
  } else if (text === undefined && contentUri === undefined && templateId === undefined) {
    report('text', 'MESSAGE_NOTHING_TO_SEND', 'give text, contentUri or templateId');
  } else if (text !== undefined && isBlank(text)) {
    report('text', 'MESSAGE_TEXT_CAN_NOT_BE_BLANK', 'text must not be blank');
  } else if (contentUri !== undefined && isBlank(contentUri)) {
    report('contentUri', 'MESSAGE_CONTENT_CAN_NOT_BE_BLANK', 'contentUri must not be blank');
  } else if (contentUri !== undefined && !isHttpUrl(contentUri)) {
    report(
      'contentUri',
      'VALIDATION_ERROR',
      'contentUri must be an http(s) URL the server can download',
    );
  } else if (text !== undefined && limit !== undefined && isLongerThan(text, limit)) {
    report(
      'text',
      'MESSAGE_TEXT_TOO_LONG',
      `text is limited to ${limit} characters for ${chatType}`,
    );
  }
}
