// The port a shared rate limit is kept behind (Redis, Deno KV, a Durable Object): what the
// client's limiter asks of a store, so every process on one key counts against one budget.

/**
 * Which queue a call waits in: `interactive` (the default: a reply a person is waiting for) is
 * always served before `bulk` (a campaign), so a campaign never delays a reply by more than the
 * slots it already holds.
 */
export type Lane = 'interactive' | 'bulk';

/** A request for slots, one per caller served next; see {@link RateLimitStore.take}. */
export interface TakeSlots {
  /** The key's name in the store: a hash of the base URL and the API key, never the key. */
  key: string;
  /** An id per slot wanted, in the order they are served; unique across processes. */
  slots: string[];
  limit: number;
  windowMs: number;
  /**
   * How long a slot counts while its request is in flight, in ms: a process that dies holding
   * it frees it when this runs out (the attempt's time limit, the unanswered hold and a window).
   */
  leaseMs: number;
  lane: Lane;
}

/** What a take gave: the first `taken` of the ids asked for, and when to ask for the rest. */
export interface Taken {
  taken: number;
  /** When fewer were taken than asked, the ms after which a slot may be free; else 0. */
  waitMs: number;
}

/** The end of a slot's request; see {@link RateLimitStore.release}. */
export interface ReleaseSlot {
  key: string;
  slot: string;
  windowMs: number;
  /**
   * Ms the slot counts past the window: a request that timed out may still arrive; `-windowMs`
   * frees a slot that was never used.
   */
  heldMs: number;
}

/**
 * A rate limit shared by every process on one key. The contract keeps the in-memory limiter's
 * promise across processes: a slot counts from when it is taken until a window after its answer
 * came, so no network delay can make the service see more than `limit` requests in a window, and
 * a slot whose process died counts only until its lease runs out. Every method is atomic in the
 * store, and times are the store's own clock, so processes whose clocks disagree still agree.
 */
export interface RateLimitStore {
  /**
   * Takes as many of the slots asked for as there is room for (fewer than `limit` counted), in
   * their order, unless the key is paused or (for `bulk`) an interactive request waits anywhere.
   * When it took fewer than asked, `waitMs` is when a slot may be free: the earliest end of a
   * counted slot, but at most a window (a slot in flight frees a window after its answer, which
   * may come at any moment), or a pause's end. An `interactive` request left waiting holds `bulk`
   * ones back until it asks again.
   */
  take(request: TakeSlots): Promise<Taken>;
  /** The slot's request ended: it counts for `windowMs + heldMs` more, then frees. */
  release(request: ReleaseSlot): Promise<void>;
  /** A 429 came: no slot is given for `ms`, in any process. */
  pause(request: { key: string; ms: number }): Promise<void>;
}

/**
 * The stores made with `defineRateLimitStore`, each with what makes the limiter that runs on it
 * (the engine's, typed there): a client finds that limiter through its store, so a client without
 * a store bundles none of it.
 */
export const storeLimiters: WeakMap<
  RateLimitStore,
  (
    store: RateLimitStore,
    limiterKey: string,
    rateLimit: { limit: number; windowMs: number },
  ) => unknown
> = new WeakMap();
