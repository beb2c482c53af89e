// The user program both durable outboxes run, the Redis one on Node and the Deno KV one on Deno
// and on Node, with only the constructor changed: queue a campaign, send it, and (in the parent)
// read every message's status after the sending process was killed and started again.

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

/** A sending process as the parent drives it. */
export interface SenderProcess {
  /** Kills it with SIGKILL and waits until it is gone. */
  kill(): Promise<void>;
  /** Stops it with SIGTERM (it closes its worker) and waits until it is gone. */
  stop(): Promise<void>;
}

/** Polls until `done` holds; bounded. */
export async function until(done: () => boolean | Promise<boolean>, ms = 60_000): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; ) {
    if (await done()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

/**
 * The parent's side of the program: starts the sender, kills it with SIGKILL once half the
 * campaign has reached the fake API, starts it again, waits until every message is in one of
 * `settled` states, stops it, and reads every status and how many were delivered twice.
 */
export async function killAndResume(options: {
  outbox: Pick<ProgramOutbox, 'status'>;
  ids: readonly string[];
  start(phase: 'queue' | 'resume'): Promise<SenderProcess>;
  /** How many messages the fake API has received. */
  delivered(): number;
  deliveriesOf(crmMessageId: string): number;
  /** The states a message may end in. */
  settled: readonly string[];
  settleMs?: number;
}): Promise<{ killedAt: number; settled: boolean; states: Record<string, number>; twice: number }> {
  const { outbox, ids } = options;
  const first = await options.start('queue');
  await until(() => options.delivered() >= ids.length / 2);
  await first.kill();
  const killedAt = options.delivered();
  const second = await options.start('resume');
  const settled = await until(async () => {
    const states = await readStatuses(outbox, ids);
    return options.settled.reduce((sum, state) => sum + (states[state] ?? 0), 0) === ids.length;
  }, options.settleMs);
  await second.stop();
  const states = await readStatuses(outbox, ids);
  const twice = ids.filter((id) => options.deliveriesOf(id) > 1).length;
  return { killedAt, settled, states, twice };
}
