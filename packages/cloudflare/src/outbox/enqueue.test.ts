import { describe, expect, it } from 'vitest';
import type { QueueProducer } from './bindings';
import { enqueueMessage, enqueueMessages, WazzupEnqueueError } from './enqueue';
import type { OutboxEnvelope } from './envelope';

const message = (i: number) => ({
  channelId: 'e0629e11-0f67-4567-92a9-2237e91ec1b9',
  chatType: 'whatsapp' as const,
  chatId: '79011112233',
  text: `Message ${i}`,
});

/** A queue whose `sendBatch` fails from its `failAt`-th call on. */
function queue(failAt = Number.POSITIVE_INFINITY) {
  const queued: OutboxEnvelope[] = [];
  let batches = 0;
  const producer: QueueProducer<OutboxEnvelope> = {
    send: async (body) => {
      queued.push(body);
    },
    sendBatch: async (messages) => {
      if (++batches >= failAt) throw new Error('Queue sendBatch failed: 500');
      for (const { body } of messages) queued.push(body);
    },
  };
  return { producer, queued };
}

describe('enqueueMessages', () => {
  it('says which ids were queued when a later batch fails, so a retry sends only the rest', async () => {
    const { producer, queued } = queue(3);
    const inputs = Array.from({ length: 250 }, (_, i) => message(i));
    const error = await enqueueMessages(producer, inputs).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WazzupEnqueueError);
    const { queued: done, notQueued } = error as WazzupEnqueueError;
    expect(done).toHaveLength(200);
    expect(notQueued).toHaveLength(50);
    expect(done.map((each) => each.crmMessageId)).toEqual(
      queued.map((envelope) => envelope.message.crmMessageId),
    );
  });

  it('checks delaySeconds before anything is queued', async () => {
    const { producer, queued } = queue();
    for (const delaySeconds of [-1, 1.5, 43_201, Number.NaN, '10' as unknown as number]) {
      await expect(enqueueMessages(producer, [message(1)], { delaySeconds })).rejects.toThrow(
        expect.objectContaining({ name: 'WazzupConfigError', variable: 'delaySeconds' }),
      );
      await expect(enqueueMessage(producer, message(1), { delaySeconds })).rejects.toThrow(
        expect.objectContaining({ variable: 'delaySeconds' }),
      );
    }
    expect(queued).toHaveLength(0);
    await enqueueMessage(producer, message(1), { delaySeconds: 43_200 });
    expect(queued).toHaveLength(1);
  });
});
