/** Per-chat-type text limits, counted in Unicode code points: `{ vk: 4096 }`. */
export type TextLimits = Partial<Record<string, number>>;

/** Counts Unicode code points, the unit the service measures text in (an emoji is one, not two). */
export function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/**
 * Whether `text` has more than `limit` code points. A UTF-16 length within the limit already
 * proves it is short enough, so the common case never walks the string.
 */
export function isLongerThan(text: string, limit: number): boolean {
  return text.length > limit && codePointLength(text) > limit;
}
