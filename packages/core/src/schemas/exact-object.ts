import * as v from 'valibot';
import { issueMessage } from './issue-message';

/**
 * What a request schema does with a key it does not know: `refuse` it (the default, which catches
 * a JavaScript caller's typo such as `crmMesageId`), or `pass` it to the service unchanged, for a
 * field the service adds before this SDK knows it. No source says the service refuses them.
 */
export type UnknownKeys = 'refuse' | 'pass';

/** A plain object: not null, not an array. */
export function isPlainObject(input: unknown): input is Record<string, unknown> {
  return typeof input === 'object' && input !== null && !Array.isArray(input);
}

/** How an {@link exactObject} reports. */
export interface ExactObjectOptions {
  /** Messages for required keys that are missing, by key. */
  missing?: Readonly<Record<string, string>>;
  /** The service's code for a shape error here: the route's own invalid-data code. */
  code?: string;
  unknownKeys?: UnknownKeys;
}

/** Whether two names are one edit apart at most: a letter left out, added, changed or swapped. */
function nearly(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  // The optimal-string-alignment distance, by the classic table: names are short.
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = rows[i] as number[];
      const above = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(
        (above[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (above[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j] as number, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
    }
  }
  return ((rows[a.length] as number[])[b.length] as number) <= 1;
}

/** The known key a caller probably meant (`chatid`, `crmMesageId`), if one is that close. */
export function meantKey(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  return known.find((name) => nearly(lower, name.toLowerCase()));
}

/** Words for an unknown key, naming the key meant when one is that close. */
export function unknownKeyText(key: string, what: string, known: readonly string[]): string {
  const meant = meantKey(key, known);
  return `Unknown field "${key}" in ${what}${meant ? `: did you mean "${meant}"?` : ''} (unknownKeys: 'pass' sends it as it is)`;
}

/**
 * An object whose unknown keys are refused *before* its fields are looked at (a typo would
 * otherwise surface as a misleading "chatId is missing"), or, with `unknownKeys: 'pass'`, kept
 * and sent as they are.
 */
// @__NO_SIDE_EFFECTS__
export function exactObject<const TEntries extends v.ObjectEntries>(
  entries: TEntries,
  what: string,
  { missing = {}, code = 'VALIDATION_ERROR', unknownKeys = 'refuse' }: ExactObjectOptions = {},
): v.GenericSchema<unknown, v.InferOutput<v.ObjectSchema<TEntries, undefined>>> {
  const known = Object.keys(entries);
  // The object's own message is what valibot reports for a missing required key.
  const message = (issue: v.ObjectIssue | v.LooseObjectIssue) => {
    const key = String(issue.path?.[0]?.key);
    return missing[key] ?? issueMessage(code, `${key} is required`);
  };
  const shape = v.custom<Record<string, unknown>>(
    isPlainObject,
    issueMessage(code, `${what} must be an object`),
  );
  if (unknownKeys === 'pass') {
    return v.pipe(shape, v.looseObject(entries, message)) as never;
  }
  return v.pipe(
    shape,
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      for (const key in dataset.value) {
        if (known.includes(key)) continue;
        addIssue({
          message: issueMessage(code, unknownKeyText(key, what, known)),
          expected: 'never',
          path: [
            { type: 'object', origin: 'key', input: dataset.value, key, value: dataset.value[key] },
          ],
        });
      }
    }),
    v.object(entries, message),
  ) as never;
}
