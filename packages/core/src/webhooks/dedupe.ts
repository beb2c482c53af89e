import type { WebhookEvent } from './parse-webhook';

/**
 * Where the handler remembers the items it has handled, to drop repeated deliveries (the service
 * may deliver an item again). Async methods are fine: a Worker keeps it in KV.
 */
export interface DedupeStore {
  has(key: string): boolean | Promise<boolean>;
  add(key: string): void | Promise<void>;
}

/** Options of {@link createMemoryDedupe}. */
export interface MemoryDedupeOptions {
  /** Most keys kept; the oldest go first. Default 10 000. */
  maxKeys?: number;
  /** How long a key is kept, in ms; default 24 h. */
  ttlMs?: number;
  now?: () => number;
}

/** An in-memory {@link DedupeStore}: bounded in size and age, for one process. */
export function createMemoryDedupe(options: MemoryDedupeOptions = {}): DedupeStore {
  const { maxKeys = 10_000, ttlMs = 24 * 60 * 60 * 1000, now = Date.now } = options;
  // Insertion order is age order, so the first key is always the oldest.
  const seen = new Map<string, number>();
  return {
    has(key) {
      const at = seen.get(key);
      if (at === undefined) return false;
      if (now() - at < ttlMs) return true;
      seen.delete(key);
      return false;
    },
    add(key) {
      seen.delete(key);
      seen.set(key, now());
      while (seen.size > maxKeys) seen.delete(seen.keys().next().value as string);
    },
  };
}

/**
 * What makes an item the same item again: a message by id and its edit/delete flags, a status by
 * message and status, a channel update by its channel, state and time, a template by id and
 * status. The probe and the create requests are never dropped.
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
