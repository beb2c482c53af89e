import { sharesAcrossRequests } from './request-scoped';

/** One attempt's time limit: a signal that aborts when the time is up. */
export interface Deadline {
  /** Aborts once the attempt has had its `timeoutMs` (and at most the slack more). */
  readonly signal: AbortSignal;
  /** Ends this attempt's hold on the timer; call it exactly once, when the attempt settles. */
  release(): void;
}

/** Starts the time limit of one attempt. */
export type StartDeadline = (timeoutMs: number) => Deadline;

/** Attempts with the same limit that started close together, sharing one signal and one timer. */
interface Batch {
  controller: AbortController;
  /** Latest start that may still join: the timer fires `timeoutMs` after this. */
  joinBy: number;
  /** Attempts holding the batch now; the timer runs only while there are some. */
  holders: number;
  /** Attempts that ever joined: see {@link MAX_JOINS}. */
  joins: number;
  /** Kept while idle only where it can be re-armed (see {@link arm}). */
  timer?: RearmableTimer | undefined;
  /** The `joinBy` the timer was last set for: it fires `timeoutMs` after that. */
  armedFor?: number;
  /** No longer handed out: its timer is cleared once nobody holds it, never kept. */
  retired?: boolean;
}

/**
 * A timer as Node and Bun make it: an object that can be re-armed and kept from holding a process
 * open. Browsers and Deno hand out a number instead, which has none of these.
 */
interface RearmableTimer {
  ref(): unknown;
  unref?(): unknown;
  refresh(): unknown;
}

/** How late a timeout may fire, at most; a tenth of the limit when that is shorter. */
export const MAX_SLACK_MS = 100;

/**
 * Joins per signal before a fresh one is made. Node's fetch leaves a listener on the signal for
 * each request until that request is garbage-collected, walks them on every new request, and
 * warns past 1 500 of them: one signal shared without a cap was measured past that warning, and
 * slower over loopback than a signal per request.
 */
const MAX_JOINS = 64;

/**
 * Distinct limits kept at once. Callers may pass a different `timeoutMs` to every call (the time
 * left before their own deadline, say), so idle batches are dropped past this many.
 */
const MAX_LIMITS = 32;

/** How {@link createDeadlines} hands out signals. */
export interface DeadlineOptions {
  /** Whether attempts may share signals; default everywhere but Cloudflare Workers. */
  share?: boolean;
  /** How many distinct limits to keep batches for before idle ones are dropped. */
  maxLimits?: number;
}

/** A signal and timer for one attempt alone. */
function ownDeadline(timeoutMs: number): Deadline {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  return { signal: controller.signal, release: () => clearTimeout(timer) };
}

/**
 * Starts a batch's timer, to fire `timeoutMs` after its `joinBy` (`delay` from now). Where timers
 * can be re-armed (Node, Bun), an idle batch keeps its timer, unreferenced, and the next attempt
 * takes it back, re-setting it only when `joinBy` has moved: one-at-a-time sends then cost no timer
 * of their own, where making and clearing one was a fifth of the SDK's own work on Node 22.
 * Elsewhere (browsers, and Deno, whose test sanitizer reports any timer left pending) each busy
 * spell gets a fresh timer.
 */
function arm(batch: Batch, delay: number): void {
  const { timer } = batch;
  // A batch keeps its timer while idle only where the timer can be re-armed (see disarm).
  if (timer) {
    timer.ref();
    // A re-set timer fires after the delay it was made with, the slack plus the limit: that is
    // `timeoutMs` after a `joinBy` set to now plus the slack.
    if (batch.armedFor !== batch.joinBy) timer.refresh();
  } else {
    // Firing while idle (only a re-armable timer can) aborts nothing: nobody holds the signal.
    batch.timer = setTimeout(
      () => batch.holders > 0 && batch.controller.abort(),
      delay,
    ) as unknown as RearmableTimer;
  }
  batch.armedFor = batch.joinBy;
}

/** Stops a batch's timer once nobody holds it: nothing then keeps a process open. */
function disarm(batch: Batch): void {
  const { timer } = batch;
  if (!batch.retired && typeof timer?.unref === 'function') {
    timer.unref();
  } else {
    clearTimeout(timer as unknown as ReturnType<typeof setTimeout>);
    batch.timer = undefined;
  }
}

/** Stops handing a batch out; its timer goes now if nobody holds it, else at its last release. */
function retire(batches: Map<number, Batch>, limit: number, batch: Batch): void {
  batch.retired = true;
  batches.delete(limit);
  if (batch.holders === 0) disarm(batch);
}

/**
 * Time limits for attempts, batched. Making an AbortSignal costs 3–5 µs on Node 20 and more in
 * garbage collection, the largest single cost of a send's own work, so attempts with the same limit
 * that start within the slack of each other share one controller and one timer, set to fire
 * `timeoutMs` after the last of them could have started. Each attempt so gets between `timeoutMs`
 * and `timeoutMs` + slack. A batch nobody holds keeps no running timer (nothing keeps a process
 * alive; see {@link arm}) and is reused by the next attempt, so one-at-a-time sends share signals
 * too.
 *
 * Not on Cloudflare Workers: there each attempt gets a signal of its own (see
 * {@link sharesAcrossRequests}).
 */
export function createDeadlines({
  share = sharesAcrossRequests(),
  maxLimits = MAX_LIMITS,
}: DeadlineOptions = {}): StartDeadline {
  const batches = new Map<number, Batch>();
  return (timeoutMs) => {
    if (!share) return ownDeadline(timeoutMs);
    const now = Date.now();
    const slack = Math.min(MAX_SLACK_MS, timeoutMs / 10);
    let batch = batches.get(timeoutMs);
    const reusable = batch && !batch.controller.signal.aborted && batch.joins < MAX_JOINS;
    // An idle batch whose joining time is over opens again: a later start may join it from now.
    if (batch && reusable && batch.holders === 0 && now > batch.joinBy) batch.joinBy = now + slack;
    if (!batch || !reusable || now > batch.joinBy) {
      if (!batch && batches.size >= maxLimits) {
        for (const [limit, idle] of batches) if (idle.holders === 0) retire(batches, limit, idle);
      }
      if (batch) retire(batches, timeoutMs, batch);
      batch = {
        controller: new AbortController(),
        joinBy: now + slack,
        holders: 0,
        joins: 0,
      };
      batches.set(timeoutMs, batch);
    }
    const held = batch;
    held.joins++;
    if (held.holders++ === 0) arm(held, held.joinBy + timeoutMs - now);
    let released = false;
    return {
      signal: held.controller.signal,
      release() {
        if (released) return;
        released = true;
        if (--held.holders === 0) disarm(held);
      },
    };
  };
}
