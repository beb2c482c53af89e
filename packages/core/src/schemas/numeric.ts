import * as v from 'valibot';

/**
 * A number as an answer may carry it: a number, or one written as a string (`"count": "1"`, as
 * some pages show). Anything else fails, so an unreadable answer is still `INVALID_RESPONSE`.
 */
export function numeric(): v.GenericSchema<unknown, number> {
  return v.union([
    v.number(),
    v.pipe(
      v.string(),
      v.regex(/^\s*-?\d+(?:\.\d+)?\s*$/),
      v.transform((text) => Number(text)),
    ),
  ]);
}
