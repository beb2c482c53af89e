import * as v from 'valibot';
import { chatRule } from './chat-types';
import { issueMessage } from './issue-message';

// Who a chat is, judged by one rule wherever a chat is named: a send, a contact's chats, the
// iframe's chats. Each route answers the problem with its own code.

/** A chat as a request names it. */
export interface ChatFields {
  chatType: string;
  chatId?: string | undefined;
  username?: string | undefined;
  phone?: string | undefined;
}

/** What is wrong with how a chat is named, and where. */
export interface ChatProblem {
  field: 'chatId' | 'username' | 'phone';
  text: string;
  /**
   * The send route's own code for this problem, where it has one: `CHAT_MISSING_CHAT_ID`, or a
   * chat type's code for a chatId in the wrong format (`CHAT_INCORRECT_CHAT_ID_WHATSAPP`).
   */
  sendCode?: string;
}

/** Whether a string is empty or only spaces. */
export function isBlank(text: string): boolean {
  return text.trim() === '';
}

const DIGITS = /^\d+$/;

/**
 * The first problem with how a chat is named, or `undefined`. A chat type this SDK does not know
 * (one a client allowed) may be named by chatId, username or phone, with no format checked.
 */
export function chatProblem(chat: ChatFields): ChatProblem | undefined {
  const { chatType, chatId } = chat;
  const rule = chatRule(chatType);
  const reachBy = rule ? rule.reachBy : (['username', 'phone'] as const);
  if (chatId === undefined || isBlank(chatId)) {
    if (!reachBy.some((field) => chat[field] !== undefined)) {
      return {
        field: 'chatId',
        text: reachBy.length ? `chatId, ${reachBy.join(' or ')} is required` : 'chatId is required',
        sendCode: 'CHAT_MISSING_CHAT_ID',
      };
    }
  } else if (rule?.chatId === 'phone') {
    const [min, max] = rule.chatIdLength ?? [1, Number.POSITIVE_INFINITY];
    if (!DIGITS.test(chatId) || chatId.length < min || chatId.length > max) {
      const length = rule.chatIdLength ? `, ${min} to ${max} of them` : '';
      return {
        field: 'chatId',
        text: `a ${rule.messenger} chatId is the phone number: digits only${length}, without + or spaces (e.g. 79011112233)`,
        ...(rule.badChatId && { sendCode: rule.badChatId }),
      };
    }
  } else if (rule?.chatId === 'account' && chatId.startsWith('@')) {
    return {
      field: 'chatId',
      text: `a ${rule.messenger} chatId is the account without the leading @`,
    };
  }
  for (const field of ['username', 'phone'] as const) {
    if (chat[field] !== undefined && !(reachBy as readonly string[]).includes(field)) {
      return {
        field,
        text: `${field} is not how a ${rule?.messenger ?? chatType} chat is named: use chatId`,
      };
    }
  }
  return undefined;
}

/**
 * The chat rule as a valibot step after an object's own fields: the first problem, with `code`
 * (a contact's chats answer `INVALID_CONTACTS_DATA`, the iframe's `VALIDATION_ERROR`).
 */
export function namedChat<T extends ChatFields>(code: string): v.RawCheckAction<T> {
  return v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const problem = chatProblem(dataset.value);
    if (!problem) return;
    const input = dataset.value as unknown as Record<string, unknown>;
    addIssue({
      message: issueMessage(code, problem.text),
      path: [
        { type: 'object', origin: 'value', input, key: problem.field, value: input[problem.field] },
      ],
    });
  });
}

/** A Telegram username: not blank, without the leading @. */
export function usernameSchema(code: string): v.GenericSchema<unknown, string> {
  return v.pipe(
    v.string(issueMessage(code, 'username must be a string')),
    v.check(
      (name) => !isBlank(name) && !name.startsWith('@'),
      issueMessage(code, 'username must be the Telegram username without the leading @'),
    ),
  );
}

/** A contact's phone: digits only, with the country code. */
export function phoneSchema(code: string): v.GenericSchema<unknown, string> {
  return v.pipe(
    v.string(issueMessage(code, 'phone must be a string')),
    v.regex(
      DIGITS,
      issueMessage(
        code,
        'phone must be digits only with the country code, no + (e.g. 79011112233)',
      ),
    ),
  );
}
