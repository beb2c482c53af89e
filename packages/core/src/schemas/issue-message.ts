/**
 * Validation messages carry the code the server would answer, as `[CODE] text`, so the code
 * survives anywhere a valibot message goes (Standard Schema consumers, form libraries, logs) and
 * the schema needs no side table.
 */
// @__NO_SIDE_EFFECTS__
export function issueMessage(code: string, text: string): string {
  return `[${code}] ${text}`;
}

const CODED_MESSAGE = /^\[([A-Za-z_]+)\] ([\s\S]*)$/;

/** Splits a `[CODE] text` message; a message without a code is a plain VALIDATION_ERROR. */
export function parseIssueMessage(message: string): { code: string; text: string } {
  const match = CODED_MESSAGE.exec(message);
  return match
    ? { code: match[1] as string, text: match[2] as string }
    : { code: 'VALIDATION_ERROR', text: message };
}
