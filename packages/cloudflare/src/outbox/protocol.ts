import type { RateLimit } from '@wazzup-sdk/core';
import type { Claim, LedgerSettings, Settlement, SlotEnd } from '@wazzup-sdk/core/outbox';

export type { SlotEnd } from '@wazzup-sdk/core/outbox';

// The wire between a consumer and the outbox object: what each call carries and answers. Kept
// apart from the object so the consumer's pure parts (the decision after a send, the stub) do not
// import the object itself.

/** The calls a consumer makes to the outbox object, one JSON body per request. */
export type OutboxCall =
  | {
      op: 'begin';
      crmMessageId: string;
      settings: LedgerSettings;
      rate: RateLimit;
      leaseTtlMs: number;
      /**
       * A message sent before (a re-send, a redelivery): it goes ahead of first attempts, since an
       * earlier attempt may have started the service's duplicate window, which a long wait would
       * outlast.
       */
      urgent: boolean;
    }
  | {
      op: 'finish';
      crmMessageId: string;
      claim: { claimedAt: number; uncertainSince: number };
      settlement: Settlement;
      settings: LedgerSettings;
      lease: string;
      rate: RateLimit;
      slot: SlotEnd;
    };

/**
 * What `begin` answers: wait for a slot; or the ledger's word on a message that needs no send
 * (ack it, or dead-letter it); or a slot (`lease`) to send it with.
 */
export type Begin =
  | { waitMs: number }
  | { claim: Exclude<Claim, { action: 'send' }> }
  | { claim: Extract<Claim, { action: 'send' }>; lease: string };

/** What each call answers. */
export type OutboxAnswer<C extends OutboxCall> = C['op'] extends 'begin'
  ? Begin
  : Record<string, never>;
