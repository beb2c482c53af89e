import type { DurableObjectNamespaceLike } from './bindings';
import type { OutboxAnswer, OutboxCall } from './protocol';

/** The outbox object for an API key, called with typed {@link OutboxCall}s. */
export interface OutboxStub {
  call<C extends OutboxCall>(call: C): Promise<OutboxAnswer<C>>;
}

// The object is named by a hash of the key, so the key itself is never an object name.
async function nameFor(apiKey: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(apiKey));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Reaches the one outbox object that serves `apiKey`. */
export async function outboxFor(
  namespace: DurableObjectNamespaceLike,
  apiKey: string,
): Promise<OutboxStub> {
  const stub = namespace.get(namespace.idFromName(await nameFor(apiKey)) as never);
  return {
    async call(call) {
      const response = await stub.fetch('https://wazzup-outbox/', {
        method: 'POST',
        body: JSON.stringify(call),
      });
      if (!response.ok) throw new Error(`The outbox object answered ${response.status}`);
      return response.json();
    },
  };
}
