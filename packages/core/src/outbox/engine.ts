import type { Lane } from '../core/rate-limit-store';
import type { SendMessageResult } from '../resources/messages';
import { type DeadLetter, type DeadLetterReason, describeError } from './dead-letter';
import { decide } from './decide';
import {
  type Claim,
  claimEntry,
  type LedgerEntry,
  type LedgerSettings,
  settleEntry,
} from './ledger';
import type { OutboxMessage } from './message';
import type { OutboxState, OutboxStatus, OutboxTimelineEntry } from './status';
import { outboxTiming } from './timing';

// The outbox itself, on any engine: what an attempt does (claim in the ledger, send, decide,
// settle), what status() answers and how webhooks fill the timeline. A backend gives it a store
// (an atomic read-change-write per message, and a few indexes) and carries its verdicts out on
// the queue engine it runs on: BullMQ's retries, Deno KV's enqueue with a delay.

/** What an outbox keeps about one message: its ledger entry and where it stands. */
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

/** What a queue carries for one message. */
export interface OutboxJob {
  wazzupOutbox: 1;
  message: OutboxMessage;
  lane: Lane;
  enqueuedAt: number;
}

/** A webhook status, as `createWebhookHandler`'s `onStatus` gives it. */
export interface StatusEvent {
  messageId: string;
  status: string;
  timestamp?: string | undefined;
  error?: { error?: string | undefined } | undefined;
}

/** What the engine needs of a backend's storage; every method is atomic where it says so. */
export interface OutboxStore {
  get(id: string): Promise<OutboxRecord | undefined>;
  /**
   * Applies `change` to the record as it is and stores what it returns (nothing for
   * `undefined`), from a fresh read again if another writer came in between: atomic per record.
   * Resolves with what it stored, or the record as it was.
   */
  update(
    id: string,
    change: (record: OutboxRecord | undefined) => OutboxRecord | undefined,
  ): Promise<OutboxRecord | undefined>;
  /** Which message a messageId belongs to. */
  index(messageId: string, id: string): Promise<void>;
  lookup(messageId: string): Promise<string | undefined>;
  /** Keeps a status that came before its messageId was known, for a while. */
  keepOrphan(messageId: string, event: StatusEvent): Promise<void>;
  /** Takes every status kept for a messageId, at once (two takers never both get one). */
  takeOrphans(messageId: string): Promise<StatusEvent[]>;
  addDead(id: string, at: number): Promise<void>;
  removeDead(id: string): Promise<void>;
  /** Ids of dead messages, newest first. */
  listDead(offset: number, limit: number): Promise<string[]>;
}

/** The engine's settings; see each backend's options. */
export interface OutboxSettings {
  duplicateWindowMs: number;
  maxAttempts: number;
  maxRetryDelaySeconds: number;
  inlineResends: number;
  ledgerTtlMs: number;
  /** The sending client's per-attempt time limit, which the margins follow. */
  timeoutMs?: number | undefined;
}

/** What became of one delivery of a job: done with, or to be delivered again after `delayMs`. */
export type AttemptVerdict = { done: 'sent' | 'dead' } | { retryInMs: number };

/**
 * Sends one message: the backend's client with `maxRetries: 0`, the call's lane, and the longest
 * wait for a rate-limit slot (`queueTimeoutMs`), past which the send would leave too late.
 */
export type OutboxSend = (
  message: OutboxMessage,
  call: { lane: Lane; queueTimeoutMs: number },
) => Promise<SendMessageResult>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The record of a message nobody has tried yet. */
export function freshRecord(crmMessageId: string): OutboxRecord {
  return { crmMessageId, state: 'queued', attempts: 0, timeline: [] };
}

/** A record as `status()` answers it. */
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

/** Whether a queue body is an outbox job. */
export function isOutboxJob(body: unknown): body is OutboxJob {
  const job = body as Partial<OutboxJob> | null;
  return (
    typeof job === 'object' &&
    job !== null &&
    job.wazzupOutbox === 1 &&
    typeof job.message?.crmMessageId === 'string' &&
    (job.lane === 'interactive' || job.lane === 'bulk')
  );
}

/** Appends statuses to a record's timeline, in time order, each once. */
function withStatuses(record: OutboxRecord, events: readonly StatusEvent[]): OutboxRecord {
  for (const event of events) {
    const at = Date.parse(event.timestamp ?? '') || Date.now();
    const code = event.error?.error;
    const seen = record.timeline.some((entry) => entry.status === event.status && entry.at === at);
    if (!seen) record.timeline.push({ status: event.status, at, ...(code && { code }) });
  }
  record.timeline.sort((a, b) => a.at - b.at);
  return record;
}

/** The outbox's work on a backend's store, which {@link createOutboxEngine} makes. */
export interface OutboxEngine {
  /**
   * One delivery of a job (`attempts` counts deliveries, this one included): claims it, sends
   * it (again at once while an unknown outcome may still be resolved inside the window), and
   * says what the backend does next. Throws on a bug (not a `WazzupError`): the backend lets its
   * engine deliver the job again, and the ledger keeps the attempt uncertain.
   */
  attempt(id: string, job: OutboxJob, attempts: number): Promise<AttemptVerdict>;
  /** Files a message as given up, when the backend's queue engine gave up on it first. */
  bury(
    id: string,
    job: OutboxJob,
    attempts: number,
    reason: DeadLetterReason,
    details: { mayHaveBeenSent: boolean; error?: unknown },
  ): Promise<void>;
  /** Where a message stands, from its record. */
  status(id: string): Promise<OutboxStatus | undefined>;
  /** Records a status webhook against its message; `false` when its messageId is not known yet. */
  recordStatus(event: StatusEvent): Promise<boolean>;
  /** Dead letters, newest first. */
  deadLetters(options?: { offset?: number; limit?: number }): Promise<DeadLetter[]>;
  /**
   * Takes a dead message out of the dead list with a clean ledger, ready to be queued again;
   * resolves with its dead letter, or `undefined` when it is not dead.
   */
  revive(id: string): Promise<DeadLetter | undefined>;
}

/** The outbox's work on a backend's store; see the file's opening comment. */
export function createOutboxEngine(
  store: OutboxStore,
  send: OutboxSend,
  settings: OutboxSettings,
): OutboxEngine {
  const timing = outboxTiming(settings.timeoutMs);
  const ledger: LedgerSettings = {
    duplicateWindowMs: settings.duplicateWindowMs,
    marginMs: timing.marginMs,
    ttlMs: settings.ledgerTtlMs,
  };
  const decision = { ...settings, marginMs: timing.marginMs };

  /** Moves statuses that came before their message's messageId was known onto its record. */
  async function adoptOrphans(id: string, messageId: string): Promise<void> {
    const events = await store.takeOrphans(messageId);
    if (events.length) await store.update(id, (record) => record && withStatuses(record, events));
  }

  /** Files a message as given up: the dead letter in its record and in the dead list. */
  async function bury(
    id: string,
    job: OutboxJob,
    attempts: number,
    reason: DeadLetterReason,
    details: { mayHaveBeenSent: boolean; error?: unknown },
  ): Promise<void> {
    const deadAt = Date.now();
    const dead: DeadLetter = {
      wazzupDeadLetter: 1,
      reason,
      mayHaveBeenSent: details.mayHaveBeenSent,
      crmMessageId: job.message.crmMessageId,
      message: job.message,
      error: describeError(details.error),
      attempts,
      enqueuedAt: job.enqueuedAt,
      deadAt,
    };
    const stored = await store.update(id, (record) => {
      if (record?.state === 'sent') return undefined;
      const state = reason === 'outcome-unknown' ? 'outcome-unknown' : 'dead';
      return { ...(record ?? freshRecord(job.message.crmMessageId)), state, dead };
    });
    if (stored?.state !== 'sent') await store.addDead(id, deadAt);
  }

  /**
   * Claims the message in the ledger for one attempt; `given-up` when it is dead already (a stray
   * delivery: only `revive` opens a dead message again).
   */
  async function claim(
    id: string,
    job: OutboxJob,
  ): Promise<Claim | { action: 'given-up'; deadAt: number }> {
    let claimed: Claim | { action: 'given-up'; deadAt: number } = {
      action: 'ack',
      messageId: undefined,
    };
    await store.update(id, (record): OutboxRecord | undefined => {
      const current = record ?? freshRecord(job.message.crmMessageId);
      if (current.dead && current.state !== 'sent') {
        claimed = { action: 'given-up', deadAt: current.dead.deadAt };
        return undefined;
      }
      const entry = claimEntry(current.ledger, Date.now(), ledger);
      claimed = entry.claim;
      if (entry.claim.action === 'send') {
        return {
          ...current,
          ledger: entry.write as LedgerEntry,
          state: 'sending',
          attempts: current.attempts + 1,
        };
      }
      return entry.claim.action === 'ack' && current.state !== 'sent'
        ? { ...current, state: 'sent' }
        : undefined;
    });
    return claimed;
  }

  return {
    bury,

    async attempt(id: string, job: OutboxJob, attempts: number): Promise<AttemptVerdict> {
      for (let resend = 0; ; resend++) {
        const claimed = await claim(id, job);
        if (claimed.action === 'given-up') {
          // Listed again under the same time (a no-op when it is): a worker that died between
          // filing the dead letter and listing it leaves the listing to this delivery.
          await store.addDead(id, claimed.deadAt);
          return { done: 'dead' };
        }
        if (claimed.action === 'ack') return { done: 'sent' };
        if (claimed.action === 'dead-letter') {
          await bury(id, job, attempts, 'outcome-unknown', { mayHaveBeenSent: true });
          return { done: 'dead' };
        }
        // The claim counts from now, but the send leaves when the rate limit gives it a slot: it
        // may wait only as long as the duplicate window still covers the first attempt (fails
        // WazzupQueueTimeoutError otherwise, with nothing sent).
        const queueTimeoutMs = Math.max(
          1,
          claimed.uncertainSince + settings.duplicateWindowMs - timing.marginMs - Date.now(),
        );
        let outcome: { result: SendMessageResult } | { error: unknown };
        try {
          outcome = { result: await send(job.message, { lane: job.lane, queueTimeoutMs }) };
        } catch (error) {
          outcome = { error };
        }
        const { settlement, next } = decide({
          outcome,
          claim: claimed,
          resend,
          attempts,
          now: Date.now(),
          settings: decision,
        });
        const messageId = settlement.outcome === 'sent' ? settlement.messageId : undefined;
        // The index first: a worker that dies after it leaves the statuses findable.
        if (messageId !== undefined) await store.index(messageId, id);
        await store.update(id, (record) => {
          const current = record ?? freshRecord(job.message.crmMessageId);
          const entry = settleEntry(current.ledger, claimed, settlement, Date.now(), ledger);
          const updated: OutboxRecord = { ...current, ...(entry && { ledger: entry }) };
          if (settlement.outcome === 'sent') {
            // Sent after all, even if another delivery gave it up meanwhile.
            updated.state = 'sent';
            delete updated.dead;
            if (messageId !== undefined) updated.messageId = messageId;
          } else if (updated.state === 'sending') updated.state = 'queued';
          return updated;
        });
        if (messageId !== undefined) await adoptOrphans(id, messageId);
        switch (next.action) {
          case 'ack':
            return { done: 'sent' };
          case 'resend':
            await sleep(next.pauseMs);
            continue;
          case 'retry':
            return { retryInMs: next.delaySeconds * 1000 };
          case 'dead-letter':
            await bury(id, job, attempts, next.reason, {
              mayHaveBeenSent: next.mayHaveBeenSent,
              error: 'error' in outcome ? outcome.error : undefined,
            });
            return { done: 'dead' };
        }
      }
    },

    async status(id: string): Promise<OutboxStatus | undefined> {
      const record = await store.get(id);
      return record && statusOf(record);
    },

    async recordStatus(event: StatusEvent): Promise<boolean> {
      if (typeof event?.messageId !== 'string' || typeof event.status !== 'string') return false;
      let id = await store.lookup(event.messageId);
      if (!id) {
        await store.keepOrphan(event.messageId, event);
        // The send's answer may have been recorded in between: then adopt it now.
        id = await store.lookup(event.messageId);
        if (!id) return false;
        await adoptOrphans(id, event.messageId);
        return true;
      }
      await store.update(id, (record) => record && withStatuses(record, [event]));
      return true;
    },

    async deadLetters({ offset = 0, limit = 100 } = {}) {
      const ids = await store.listDead(offset, limit);
      const found = await Promise.all(ids.map((id) => store.get(id)));
      return found.flatMap((record) => (record?.dead ? [record.dead] : []));
    },

    async revive(id: string): Promise<DeadLetter | undefined> {
      let dead: DeadLetter | undefined;
      await store.update(id, (record) => {
        dead = record?.dead;
        if (!record?.dead) return undefined;
        const { crmMessageId, attempts, timeline } = record;
        return { crmMessageId, state: 'queued', attempts, timeline };
      });
      if (dead) await store.removeDead(id);
      return dead;
    },
  };
}
