import type {
  DeadLetter,
  LedgerEntry,
  OutboxMessage,
  OutboxState,
  OutboxStatus,
  OutboxTimelineEntry,
} from '@wazzup-sdk/core/outbox';
import type { Redis } from 'ioredis';

/** What the outbox keeps in Redis about one message: its ledger entry and where it stands. */
export interface OutboxRecord {
  crmMessageId: string;
  state: OutboxState;
  attempts: number;
  ledger?: LedgerEntry;
  messageId?: string;
  timeline: OutboxTimelineEntry[];
  /** For `dead` and `outcome-unknown`: the dead letter, message and redacted error included. */
  dead?: DeadLetter;
}

/** The job's data: the message, validated, and its lane. */
export interface OutboxJob {
  wazzupOutbox: 1;
  message: OutboxMessage;
  lane: 'interactive' | 'bulk';
  enqueuedAt: number;
}

// Sets KEYS[1] to ARGV[2] (for ARGV[3] ms) only if it still holds ARGV[1] ('' for none): the
// outbox's rules run in JavaScript (core's), and this makes each read-change-write atomic.
const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1]) or ''
if current ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
`;

/** Reads and writes records under compare-and-set, so concurrent workers never lose a change. */
export function recordStore(redis: Redis, ttlMs: number) {
  return {
    async get(key: string): Promise<OutboxRecord | undefined> {
      const raw = await redis.get(key);
      return raw ? (JSON.parse(raw) as OutboxRecord) : undefined;
    },
    /**
     * Applies `change` to the record as it is now and stores what it returns (nothing for
     * `undefined`), again from a fresh read if another worker wrote in between. Returns what it
     * stored, or the record as it was.
     */
    async update(
      key: string,
      change: (record: OutboxRecord | undefined) => OutboxRecord | undefined,
    ): Promise<OutboxRecord | undefined> {
      // Bounded: each retry means another write landed; a hundred in a row is a bug.
      for (let attempt = 0; attempt < 100; attempt++) {
        const raw = (await redis.get(key)) ?? '';
        const current = raw ? (JSON.parse(raw) as OutboxRecord) : undefined;
        const next = change(current && structuredClone(current));
        if (next === undefined) return current;
        const stored = await redis.eval(COMPARE_AND_SET, 1, key, raw, JSON.stringify(next), ttlMs);
        if (Number(stored) === 1) return next;
      }
      throw new Error(`the outbox record ${key} kept changing under 100 tries`);
    },
  };
}

/** The record as `status()` answers it. */
export function statusOf(record: OutboxRecord): OutboxStatus {
  const status: OutboxStatus = {
    crmMessageId: record.crmMessageId,
    state: record.state,
    attempts: record.attempts,
    timeline: record.timeline,
  };
  if (record.messageId !== undefined) status.messageId = record.messageId;
  if (record.dead) {
    status.reason = record.dead.reason;
    if (record.dead.error) status.error = record.dead.error;
  }
  return status;
}
