import { chatProblem, isBlank } from './chat-target';
import { chatRule, WABA_RULE } from './chat-types';
import { issueMessage } from './issue-message';
import { isLongerThan, type TextLimits } from './limits';

// The send request's cross-field rules, as named functions the schema runs after each field's own
// checks: who the chat is, then what is sent (buttons.ts has the third, the buttons). Each reports
// its first problem only, with the code the server would answer and the field.

/** The service's code for a field it cannot take on the send route. */
export const INVALID = 'INVALID_MESSAGE_DATA';

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
  buttonsObject?: Record<string, unknown>;
};

/** Where a problem is: property names and item indexes, outermost first. */
export type Path = readonly (string | number)[];

/** valibot's addIssue, as the rules use it. */
export type AddIssue = (info: {
  message: string;
  path: {
    type: 'object' | 'array';
    origin: 'value';
    input: unknown;
    key: unknown;
    value: unknown;
  }[];
}) => void;

/** Reports a problem at a path, with the server's code and words for a person. */
export type Report = (path: Path, code: string, text: string) => void;

/** A {@link Report} that adds valibot issues, each with its full path into `value`. */
export function reporter(addIssue: AddIssue, value: Flat): Report {
  return (path, code, text) => {
    let input: unknown = value;
    const steps = path.map((key) => {
      const item = (input as Record<string | number, unknown> | undefined)?.[key];
      const step = {
        type: typeof key === 'number' ? ('array' as const) : ('object' as const),
        origin: 'value' as const,
        input,
        key,
        value: item,
      };
      input = item;
      return step;
    });
    addIssue({ message: issueMessage(code, text), path: steps });
  };
}

/** Who the chat is: see `chatProblem`; the send route has codes of its own for two problems. */
export function checkChatTarget(value: Flat, report: Report): void {
  const problem = chatProblem(value);
  if (problem) report([problem.field], problem.sendCode ?? INVALID, problem.text);
}

/**
 * The longest text a message may have, and the code past it: the chat type's (or the client's
 * `textLimits`), or WABA's when the message is one only WABA sends (a template, or buttons).
 */
export function textLimitOf(
  value: Flat,
  textLimits: TextLimits,
): { limit: number; code: string; on: string } | undefined {
  const { chatType, templateId, buttonsObject } = value;
  if (chatType === 'whatsapp') {
    if (templateId !== undefined) {
      const { templateTextLimit: limit, templateTooLong: code } = WABA_RULE;
      return { limit, code, on: 'a WABA template' };
    }
    const buttons = buttonsObject?.buttons;
    if (Array.isArray(buttons) && buttons.length > 0) {
      return { limit: WABA_RULE.textLimit, code: WABA_RULE.tooLong, on: 'a WABA message' };
    }
  }
  const rule = chatRule(chatType);
  const limit = textLimits[chatType] ?? rule?.textLimit;
  if (limit === undefined) return undefined;
  return { limit, code: rule?.tooLong ?? 'MESSAGE_TEXT_TOO_LONG', on: chatType };
}

/**
 * What is sent: text, a file by URL or a template, never text and file together; neither blank;
 * a downloadable URL; text within the limit of its chat type.
 */
export function checkContent(value: Flat, report: Report, textLimits: TextLimits): void {
  const { text, contentUri, templateId } = value;
  if (text !== undefined && contentUri !== undefined) {
    report(
      ['contentUri'],
      'MESSAGE_ONLY_TEXT_OR_CONTENT',
      'send either text or contentUri, not both',
    );
  } else if (text === undefined && contentUri === undefined && templateId === undefined) {
    report(['text'], 'MESSAGE_NOTHING_TO_SEND', 'give text, contentUri or templateId');
  } else if (text !== undefined && isBlank(text)) {
    report(['text'], 'MESSAGE_TEXT_CAN_NOT_BE_BLANK', 'text must not be blank');
  } else if (contentUri !== undefined && isBlank(contentUri)) {
    report(['contentUri'], 'MESSAGE_CONTENT_CAN_NOT_BE_BLANK', 'contentUri must not be blank');
  } else if (contentUri !== undefined && !isHttpUrl(contentUri)) {
    report(['contentUri'], INVALID, 'contentUri must be an http(s) URL the server can download');
  } else if (text !== undefined) {
    const within = textLimitOf(value, textLimits);
    if (within && isLongerThan(text, within.limit)) {
      report(
        ['text'],
        within.code,
        `text is limited to ${within.limit} characters on ${within.on}`,
      );
    }
  }
}
