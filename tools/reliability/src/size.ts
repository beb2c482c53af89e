/** Suites run small in CI and at full size with WAZZUP_FULL=1. */
export const FULL = process.env.WAZZUP_FULL === '1';

/** `small` in CI, `full` with WAZZUP_FULL=1. */
export function sized(small: number, full: number): number {
  return FULL ? full : small;
}
