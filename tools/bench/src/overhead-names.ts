// The per-send contenders' names, a module of their own so a contender's process (see
// overhead-contender.ts) loads nothing of the harness that starts it.

/** The what-if contender: the SDK with fetch in place of ofetch, everything else unchanged. */
export const WITHOUT_OFETCH = 'what-if: SDK with fetch in place of ofetch';

/**
 * The stack's own validated, idempotent send: plain ofetch after valibot's parse (the bundle floor's
 * schema) and a UUID. What ofetch and valibot cost before the SDK adds anything.
 */
export const STACK_SEND = 'plain ofetch + valibot parse + UUID';

/** The SDK with its rate limiter on, at a limit no run reaches: what the limiter costs a send. */
export const LIMITED = 'SDK sendMessage, rate limiter on';

/**
 * The contenders, by name, as `overhead-contender.ts` builds them. The stack's own send is the
 * floor; "ofetch as the SDK calls it" and the one after take the SDK apart: its HTTP layer alone,
 * then that with the least work a validated, idempotent send must do.
 */
export const OVERHEAD_CONTENDERS = [
  'raw fetch',
  'plain ofetch',
  STACK_SEND,
  'ofetch as the SDK calls it',
  'the same + validation and crmMessageId',
  'SDK sendMessage',
  LIMITED,
  WITHOUT_OFETCH,
] as const;
