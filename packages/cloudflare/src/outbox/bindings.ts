// The few Cloudflare runtime shapes the outbox touches, declared here so the package needs no
// types dependency; @cloudflare/workers-types' Queue, MessageBatch and DurableObject* fit them.

/** A Queue producer binding. */
export interface QueueProducer<Body> {
  send(body: Body, options?: { delaySeconds?: number }): Promise<unknown>;
  sendBatch(messages: Iterable<{ body: Body; delaySeconds?: number }>): Promise<unknown>;
}

/** One message handed to a Queue consumer. */
export interface QueueMessage<Body = unknown> {
  readonly id: string;
  readonly body: Body;
  /** 1 on the first delivery. */
  readonly attempts: number;
  ack(): void;
  retry(options?: { delaySeconds?: number }): void;
}

/** What a Worker's `queue()` handler receives. */
export interface QueueBatch<Body = unknown> {
  readonly queue: string;
  readonly messages: readonly QueueMessage<Body>[];
}

/** A Durable Object namespace binding, as far as the outbox uses it. */
export interface DurableObjectNamespaceLike {
  idFromName(name: string): unknown;
  get(id: never): { fetch(input: string, init?: RequestInit): Promise<Response> };
}

/** The storage of a Durable Object, as far as the outbox uses it. */
export interface DurableObjectStorageLike {
  get<T>(key: string): Promise<T | undefined>;
  put(key: string, value: unknown): Promise<void>;
  delete(keys: string[]): Promise<number>;
  list<T>(options: {
    prefix: string;
    limit: number;
    startAfter?: string;
    reverse?: boolean;
  }): Promise<Map<string, T>>;
  getAlarm(): Promise<number | null>;
  setAlarm(time: number): Promise<void>;
}

/** The state a Durable Object's constructor receives. */
export interface DurableObjectStateLike {
  readonly storage: DurableObjectStorageLike;
}
