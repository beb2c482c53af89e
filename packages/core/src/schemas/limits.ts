/** Per-chat-type text limits, counted in Unicode code points. */
export type TextLimits = Partial<Record<string, number>>;

/**
 * The longest text each chat type takes, from the send-message page (WhatsApp 10 000,
 * Instagram 1 000, Telegram 4 096). Override per client with `textLimits`.
 */
export const DEFAULT_TEXT_LIMITS: Readonly<Record<string, number>> = {
  whatsapp: 10_000,
  whatsgroup: 10_000,
  instagram: 1_000,
  telegram: 4_096,
};

/** Most buttons one message may carry. */
export const MAX_BUTTONS = 10;

/** Longest button text, in code points. */
export const MAX_BUTTON_TEXT = 20;

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
