import type { WazzupError } from '../errors/classes';
import { dedupeKey } from './dedupe';
import { WazzupWebhookHandlerError, WazzupWebhookStoreError } from './errors';
import type { ResolvedWebhookOptions, WebhookContext, WebhookHandlers } from './options';
import type { WebhookEvent } from './parse-webhook';

// Running a delivery's events: each (item, handler) pair is one unit of work, claimed in the
// dedupe store before it runs and completed after, so what succeeded stays done whatever fails
// after it, a repeat (even one that arrives while the first copy still runs) runs nothing twice,
// and a failure frees only its own unit for the redelivery.

/** The handler of an event's own type. */
function ownHandler(handlers: WebhookHandlers, event: WebhookEvent) {
  switch (event.type) {
    case 'message':
      return ['onMessage', handlers.onMessage] as const;
    case 'status':
      return ['onStatus', handlers.onStatus] as const;
    case 'channel':
      return ['onChannel', handlers.onChannel] as const;
    case 'template':
      return ['onTemplate', handlers.onTemplate] as const;
    default:
      return undefined;
  }
}

/** Tells `onError`; a throw from it is its own business and must not change the answer. */
export async function tell(
  handlers: WebhookHandlers,
  error: WazzupError,
  event?: WebhookEvent,
): Promise<void> {
  try {
    await handlers.onError?.(error, event);
  } catch {}
}

/**
 * A store call whose failure is told, not thrown: its answer, or `undefined` when it failed. A
 * store that answers at once (the one in memory) is not awaited: two store calls per handler per
 * item are on every delivery's path.
 */
function stored<T>(
  options: ResolvedWebhookOptions,
  operation: 'claim' | 'complete' | 'release',
  run: () => T | Promise<T>,
  event: WebhookEvent,
): T | undefined | Promise<T | undefined> {
  const failed = (cause: unknown) =>
    tell(options.handlers, new WazzupWebhookStoreError(operation, cause), event).then(
      () => undefined,
    );
  let answer: T | Promise<T>;
  try {
    answer = run();
  } catch (cause) {
    return failed(cause);
  }
  return answer instanceof Promise ? answer.catch(failed) : answer;
}

/**
 * What became of a unit: handled (or dropped on purpose: a repeat of a done one), failed (and
 * told), or `busy`: another run is handling it now, so this delivery is not acknowledged yet.
 */
type UnitOutcome = 'handled' | 'failed' | 'busy';

/** Runs one unit: claimed, run, then completed, or released when it failed. */
async function runUnit(
  options: ResolvedWebhookOptions,
  name: string,
  handler: (event: never, context: WebhookContext) => unknown,
  event: WebhookEvent,
  item: string | undefined,
  context: WebhookContext,
): Promise<UnitOutcome> {
  const { dedupe, handlerTimeoutMs } = options;
  const key = item === undefined || !dedupe ? undefined : `${name}:${item}`;
  if (key !== undefined && dedupe) {
    // A lease past the delivery's own time limit: a claim outlives its handler only when the
    // process died, and then a redelivery may take it over.
    let claim = stored(options, 'claim', () => dedupe.claim(key, handlerTimeoutMs + 5_000), event);
    if (claim instanceof Promise) claim = await claim;
    if (claim === undefined) return 'failed';
    if (claim === 'done') return 'handled';
    if (claim === 'busy') return 'busy';
  }
  try {
    await handler(event as never, context);
  } catch (cause) {
    await tell(
      options.handlers,
      new WazzupWebhookHandlerError(`A ${event.type} handler (${name}) threw: ${String(cause)}`, {
        cause,
      }),
      event,
    );
    if (key !== undefined && dedupe)
      await stored(options, 'release', () => dedupe.release(key), event);
    return 'failed';
  }
  // Handled: a store that fails to record it is told, but the delivery stands as handled.
  if (key !== undefined && dedupe) {
    const done = stored(options, 'complete', () => dedupe.complete(key), event);
    if (done instanceof Promise) await done;
  }
  return 'handled';
}

/** What a delivery's events came to: the worst of their units. */
export type DeliveryOutcome = UnitOutcome;

/**
 * Runs every event of a delivery in order: each handler of each event as a unit of its own.
 * Resolves `handled` when all were handled (or deliberately dropped: done repeats, malformed
 * items), `failed` when one failed, else `busy` when one is being handled by another run.
 */
export async function runEvents(
  options: ResolvedWebhookOptions,
  events: readonly WebhookEvent[],
  context: WebhookContext,
): Promise<DeliveryOutcome> {
  const { handlers } = options;
  let outcome: DeliveryOutcome = 'handled';
  const note = (unit: UnitOutcome) => {
    if (unit === 'failed' || (unit === 'busy' && outcome === 'handled')) outcome = unit;
  };
  for (const event of events) {
    if (event.type === 'invalid') {
      await tell(handlers, event.error, event);
      continue;
    }
    if (event.type === 'test' || event.type === 'createContact' || event.type === 'createDeal') {
      continue;
    }
    const own = ownHandler(handlers, event);
    const item = dedupeKey(event);
    if (own?.[1]) note(await runUnit(options, own[0], own[1] as never, event, item, context));
    if (handlers.onEvent) {
      note(await runUnit(options, 'onEvent', handlers.onEvent as never, event, item, context));
    }
  }
  return outcome;
}
