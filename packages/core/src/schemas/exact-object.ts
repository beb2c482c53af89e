import * as v from 'valibot';
import { issueMessage } from './issue-message';

/** A plain object: not null, not an array. */
export function isPlainObject(input: unknown): input is Record<string, unknown> {
  return typeof input === 'object' && input !== null && !Array.isArray(input);
}

/**
 * An object that rejects unknown keys *before* it looks at its fields, naming the key and, when
 * it is a case slip such as `chatid`, the key that was meant. Checking keys first matters: a typo
 * would otherwise surface as a misleading "chatId is missing".
 */
// @__NO_SIDE_EFFECTS__
export function exactObject<const TEntries extends v.ObjectEntries>(
  entries: TEntries,
  what: string,
  missing: Readonly<Record<string, string>> = {},
  /** The service's code for a shape error here: `VALIDATION_ERROR`, or a batch route's own. */
  code = 'VALIDATION_ERROR',
): v.SchemaWithPipe<
  readonly [
    v.CustomSchema<Record<string, unknown>, v.ErrorMessage<v.CustomIssue> | undefined>,
    v.RawCheckAction<Record<string, unknown>>,
    v.ObjectSchema<TEntries, v.ErrorMessage<v.ObjectIssue>>,
  ]
> {
  const known = Object.keys(entries);
  return v.pipe(
    v.custom<Record<string, unknown>>(
      isPlainObject,
      issueMessage(code, `${what} must be an object`),
    ),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      for (const key in dataset.value) {
        if (known.includes(key)) continue;
        const meant = known.find((name) => name.toLowerCase() === key.toLowerCase());
        addIssue({
          message: issueMessage(
            code,
            `Unknown field "${key}" in ${what}${meant ? `: did you mean "${meant}"?` : ''}`,
          ),
          expected: 'never',
          path: [
            { type: 'object', origin: 'key', input: dataset.value, key, value: dataset.value[key] },
          ],
        });
      }
    }),
    // The object's own message is what valibot reports for a missing required key.
    v.object(entries, (issue) => {
      const key = String(issue.path?.[0]?.key);
      return missing[key] ?? issueMessage(code, `${key} is required`);
    }),
  );
}
