/**
 * A fault the mock can inject into one request:
 * - `server-error`: answers `status` (default 500) with a JSON, HTML or empty body, and does nothing.
 * - `rate-limit`: answers 429 with an empty body (the service sends no Retry-After), and does nothing.
 * - `delay`: waits `ms` before handling the request normally (a slow service; past the client's
 *   timeout the message is still delivered, the answer just comes too late).
 * - `reset`: the connection drops before the request is handled (nothing delivered).
 * - `lose-answer`: the request is handled and the message delivered, then the connection drops, so
 *   the client never learns it went out.
 */
export type Fault =
  | { kind: 'server-error'; status?: number; body?: 'json' | 'html' | 'empty' }
  | { kind: 'rate-limit' }
  | { kind: 'delay'; ms: number }
  | { kind: 'reset' }
  | { kind: 'lose-answer' };

/** Faults by chance: each request draws one of `faults` with probability `rate`. */
export interface RandomFaults {
  rate: number;
  faults: readonly Fault[];
  /** Seed for a repeatable sequence; default 1. */
  seed?: number;
}

/** Decides the fault, if any, for each incoming request. */
export interface FaultPlan {
  /** Scripts the next requests, in order; `null` lets one through untouched. */
  enqueue(...faults: (Fault | null)[]): void;
  /** Faults by chance once the script is used up; `undefined` turns them off. */
  setRandom(random: RandomFaults | undefined): void;
  /** The fault for the next request. */
  next(): Fault | undefined;
  clear(): void;
}

/** mulberry32: a tiny seeded generator, so a faulty run can be replayed exactly. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createFaultPlan(
  script: readonly (Fault | null)[] = [],
  random?: RandomFaults,
): FaultPlan {
  const queue = [...script];
  let chance = random;
  let draw = seeded(random?.seed ?? 1);
  return {
    enqueue(...faults) {
      queue.push(...faults);
    },
    setRandom(next) {
      chance = next;
      draw = seeded(next?.seed ?? 1);
    },
    next() {
      if (queue.length) return queue.shift() ?? undefined;
      if (!chance || chance.faults.length === 0 || draw() >= chance.rate) return undefined;
      return chance.faults[Math.floor(draw() * chance.faults.length)];
    },
    clear() {
      queue.length = 0;
      chance = undefined;
    },
  };
}

/** Thrown by the handler when the connection should drop; the server and in-memory fetch act on it. */
export class MockConnectionReset extends Error {
  override name = 'MockConnectionReset';
}

/**
 * Whether an error asks for the connection to drop. Checked by name, not `instanceof`: the node
 * entry bundles its own copy of the class, and a mock made from the main entry must still work.
 */
export function isConnectionReset(error: unknown): boolean {
  return error instanceof Error && error.name === 'MockConnectionReset';
}

/** The response a `server-error` fault sends. */
export function serverErrorResponse(fault: Extract<Fault, { kind: 'server-error' }>): Response {
  const status = fault.status ?? 500;
  switch (fault.body ?? 'json') {
    case 'html':
      return new Response(
        `<html><head><title>${status} Bad Gateway</title></head><body><h1>${status}</h1><p>nginx</p></body></html>`,
        {
          status,
          headers: { 'content-type': 'text/html' },
        },
      );
    case 'empty':
      return new Response(null, { status });
    default:
      return Response.json(
        { error: 'UNKNOWN_ERROR', description: 'Unknown error. Contact support.' },
        { status },
      );
  }
}
