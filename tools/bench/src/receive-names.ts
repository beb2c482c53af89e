// The receive-path contenders' names, a module of their own so a contender's process loads
// nothing of the harness.

/** The least a receiver does: read the JSON, answer 200. The baseline. */
export const RECEIVE_BARE = 'bare request.json() + 200';

/** The stack's own checking receiver: the token compared and every item parsed with valibot. */
export const RECEIVE_FLOOR = 'request.json() + token + valibot parse of each item + 200';

/**
 * The stack's checking receiver with the promises the SDK's keeps, written by hand as plainly as
 * they go: a time limit on reading the body and one on the handlers (a timer each), and each
 * handler of each item claimed in a Map before it runs and marked done after. What a receiver
 * that runs nothing twice and never hangs costs before any SDK.
 */
export const RECEIVE_GUARDED = 'the same + claims in a Map + body and handler time limits';

/** The SDK's receiver as an app makes it: the in-memory dedupe store on. */
export const RECEIVE_SDK = 'SDK webhook handler, dedupe on';

/** The receive-path contenders, as receive-contender.ts builds them. */
export const RECEIVE_CONTENDERS = [
  RECEIVE_BARE,
  RECEIVE_FLOOR,
  RECEIVE_GUARDED,
  RECEIVE_SDK,
] as const;
