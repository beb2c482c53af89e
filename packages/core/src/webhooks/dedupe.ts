import type { WebhookEvent } from './parse-webhook';

/** What a claim on a unit of work found. */
export type Claim =
  /** Yours: run it, then `complete` it (or `release` it if it failed). */
  | 'claimed'
  /** Another run holds a claim that has not expired: it is being handled now. */
  | 'busy'
  /** It was handled before: drop it. */
  | 'done';

/**
 * Where the webhook handler remembers the units of work it has run (an item, for one handler), so
 * that a repeated delivery runs nothing twice: the service may deliver an item again, after a slow
 * answer or a failure, and to another replica. The contract is an atomic claim with a lease, so a
 * shared store keeps the promise across processes and a process that dies mid-handler frees its
 * claims when their lease runs out. Methods may be async (KV, Redis).
 */
export interface DedupeStore {
  /**
   * Claims `key` for `leaseMs`, atomically: `claimed` when it was free (or its earlier claim's
   * lease ran out), `busy` when another claim holds it, `done` when it was completed.
   */
  claim(key: string, leaseMs: number): Claim | Promise<Claim>;
  /** Marks a claimed key handled, remembered for the store's own time. */
  complete(key: string): void | Promise<void>;
  /** Gives a claimed key up after its handler failed, so a redelivery may claim it again. */
  release(key: string): void | Promise<void>;
}

/** Options of {@link createMemoryDedupe}. */
export interface MemoryDedupeOptions {
  /** Most keys kept; the oldest go first. Default 10 000. */
  maxKeys?: number;
  /** How long a completed key is kept, in ms; default 24 h. */
  ttlMs?: number;
  now?: () => number;
}

/** A key's state: handled at `at`, or claimed until `until`. */
type Entry = { done: true; at: number } | { done: false; until: number };

/**
 * A {@link DedupeStore} in memory, for one process: atomic there, bounded in size and age. Keys
 * live in two generations of maps: when the newer one fills half the bound, it becomes the older
 * one and the oldest generation is dropped whole, so a delivery never pays for eviction. A key
 * written again goes to the newer map, whose entry is the one read.
 */
export function createMemoryDedupe(options: MemoryDedupeOptions = {}): DedupeStore {
  const { maxKeys = 10_000, ttlMs = 24 * 60 * 60 * 1000, now = Date.now } = options;
  const half = Math.max(1, Math.floor(maxKeys / 2));
  let current = new Map<string, Entry>();
  let previous = new Map<string, Entry>();
  const set = (key: string, entry: Entry) => {
    current.set(key, entry);
    if (current.size >= half) {
      previous = current;
      current = new Map();
    }
  };
  return {
    claim(key, leaseMs) {
      const entry = current.get(key) ?? previous.get(key);
      const at = now();
      if (entry?.done && at - entry.at < ttlMs) return 'done';
      if (entry && !entry.done && at < entry.until) return 'busy';
      set(key, { done: false, until: at + leaseMs });
      return 'claimed';
    },
    complete(key) {
      set(key, { done: true, at: now() });
    },
    release(key) {
      current.delete(key);
      previous.delete(key);
    },
  };
}

/**
 * What makes an item the same item again: a message by id and its edit/delete flags, a status by
 * message and status, a channel update by its channel, state and time, a template by id and
 * status. The probe, create requests, unknown sections and malformed items have none.
 */
export function dedupeKey(event: WebhookEvent): string | undefined {
  switch (event.type) {
    case 'message': {
      const { messageId, status } = event.message;
      return `message:${messageId}:${status}:${event.edited}:${event.deleted}`;
    }
    case 'status':
      return `status:${event.status.messageId}:${event.status.status}`;
    case 'channel':
      return `channel:${event.channel.channelId}:${event.channel.state}:${event.channel.timestamp}`;
    case 'template':
      return `template:${event.template.templateGuid}:${event.template.status}`;
    default:
      return undefined;
  }
}
