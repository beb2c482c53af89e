import * as v from 'valibot';
import { WazzupValidationError } from '../errors/classes';
import { parseIssueMessage } from '../schemas/issue-message';
import { SendMessageRequestSchema } from '../schemas/request';
import type { SendMessageRequest, SendMessageRequestSchemaType } from '../schemas/request-types';

/**
 * Drops `undefined` and `null` fields at the top level, so `{ text: undefined }` means no text and
 * the JSON body never carries nulls.
 */
export function compact(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const record = input as Record<string, unknown>;
  // Most inputs have nothing to drop; copying them anyway was a tenth of the SDK's own work.
  let drops = false;
  for (const key in record) drops ||= record[key] === undefined || record[key] === null;
  if (!drops) return input;
  // fromEntries defines own properties, so a JSON key "__proto__" stays a key (and is refused as
  // unknown) instead of becoming the object's prototype.
  return Object.fromEntries(
    Object.entries(input).filter(([, value]) => value !== undefined && value !== null),
  );
}

/** The dotted path of an issue (`buttonsObject.buttons.0.text`); `''` for the body itself. */
function fieldOf(issue: v.BaseIssue<unknown>): string {
  return issue.path?.map((item) => String(item.key)).join('.') ?? '';
}

/**
 * Validates an input (its `null` and `undefined` fields dropped) and returns valibot's output, or
 * throws a {@link WazzupValidationError} carrying the code the server would answer for the first
 * issue (the schemas' messages carry it as `[CODE] text`; `fallback` when one does not) and its
 * dotted field.
 */
export function validateInput<T>(
  schema: v.GenericSchema<unknown, T>,
  input: unknown,
  fallback = 'VALIDATION_ERROR',
): T {
  const result = v.safeParse(schema, compact(input));
  if (result.success) return result.output;
  const [first] = result.issues;
  const coded = first.message.startsWith('[');
  const { code, text } = parseIssueMessage(first.message);
  throw new WazzupValidationError(coded ? code : fallback, fieldOf(first), text, result.issues);
}

/**
 * Validates a send-message input and returns the compacted request, or throws a
 * {@link WazzupValidationError} carrying the code the server would answer for the first issue.
 */
export function validateRequest(
  schema: SendMessageRequestSchemaType,
  input: unknown,
): SendMessageRequest {
  return validateInput(schema as v.GenericSchema<unknown, SendMessageRequest>, input);
}

/**
 * Checks a send-message body exactly as `sendMessage` does, without sending anything: returns the
 * body with `null` and `undefined` fields dropped, or throws {@link WazzupValidationError} with
 * the code the server would answer and the field. For checks at the edge of your system (a form,
 * a queue producer) that must agree with the client.
 *
 * @param schema The schema the client uses; build it with `createSendMessageRequestSchema` when
 * the client has `textLimits` or `allowChatTypes`.
 */
export function parseSendMessageRequest(
  input: unknown,
  schema: SendMessageRequestSchemaType = SendMessageRequestSchema,
): SendMessageRequest {
  return validateRequest(schema, input);
}
