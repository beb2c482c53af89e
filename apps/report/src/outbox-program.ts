// The user program both durable outboxes run, the Redis one on Node and the Deno KV one on Deno,
// with only the constructor changed: queue a campaign, send it, and (in the parent) read every
// message's status after the sending process was killed and started again.

/** What the program uses of an outbox: the same on `createRedisOutbox` and `createKvOutbox`. */
export interface ProgramOutbox {
  enqueueMany(
    messages: readonly {
      channelId: string;
      chatType: 'whatsapp';
      chatId: string;
      text: string;
      crmMessageId: string;
    }[],
    options: { lane: 'bulk' },
  ): Promise<{ crmMessageId: string }[]>;
  status(crmMessageId: string): Promise<{ state: string; messageId?: string } | undefined>;
  startWorker(): { close(): Promise<void> };
}

/** The campaign's crmMessageIds: fixed, so the parent knows them whatever the child got to. */
export function campaignIds(count: number, run: string): string[] {
  return Array.from({ length: count }, (_, i) => `campaign-${run}-${i}`);
}

/**
 * The sending process: on its first run (`queue`) it queues the campaign (queuing it again after
 * a restart queues nothing new), then sends until it is stopped.
 */
export async function runSender(
  outbox: ProgramOutbox,
  phase: 'queue' | 'resume',
  ids: readonly string[],
  channelId: string,
): Promise<{ close(): Promise<void> }> {
  if (phase === 'queue') {
    await outbox.enqueueMany(
      ids.map((crmMessageId, i) => ({
        channelId,
        chatType: 'whatsapp',
        chatId: '79011112233',
        text: `Spring sale, item ${i}`,
        crmMessageId,
      })),
      { lane: 'bulk' },
    );
  }
  return outbox.startWorker();
}

/** Reads every message's status; counts each state. */
export async function readStatuses(
  outbox: Pick<ProgramOutbox, 'status'>,
  ids: readonly string[],
): Promise<Record<string, number>> {
  const states: Record<string, number> = {};
  for (const id of ids) {
    const state = (await outbox.status(id))?.state ?? 'unknown';
    states[state] = (states[state] ?? 0) + 1;
  }
  return states;
}
