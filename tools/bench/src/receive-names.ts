// The receive-path contenders' names, a module of their own so a contender's process loads
// nothing of the harness.

/** The least a receiver does: read the JSON, answer 200. The baseline. */
export const RECEIVE_BARE = 'bare request.json() + 200';

/** The stack's own checking receiver: the token compared and every item parsed with valibot. */
export const RECEIVE_FLOOR = 'request.json() + token + valibot parse of each item + 200';

/** The SDK's receiver as an app makes it: the in-memory dedupe store on. */
export const RECEIVE_SDK = 'SDK webhook handler, dedupe on';

/** The receive-path contenders, as receive-contender.ts builds them. */
export const RECEIVE_CONTENDERS = [RECEIVE_BARE, RECEIVE_FLOOR, RECEIVE_SDK] as const;
