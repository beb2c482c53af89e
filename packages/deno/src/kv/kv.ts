/** An entry as `Deno.Kv` reads it. */
export interface KvEntry<T> {
  value: T | null;
  versionstamp: string | null;
}

/** What the stores need of a `Deno.Kv` (from `Deno.openKv()`): reads and checked atomic writes. */
export interface KvLike {
  get<T = unknown>(key: readonly unknown[]): Promise<KvEntry<T>>;
  atomic(): KvAtomic;
}

/** The part of `Deno.AtomicOperation` the stores use. */
export interface KvAtomic {
  check(...checks: { key: readonly unknown[]; versionstamp: string | null }[]): KvAtomic;
  set(key: readonly unknown[], value: unknown, options?: { expireIn?: number }): KvAtomic;
  delete(key: readonly unknown[]): KvAtomic;
  commit(): Promise<{ ok: boolean }>;
}

/** Options every KV store takes. */
export interface KvStoreOptions {
  /** The first part of every key the store writes; default `'wazzup'`. */
  prefix?: string | undefined;
}

/** Most tries of one change before the store gives up: a busy key settles long before this. */
const MAX_TRIES = 200;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reads `key`, lets `change` decide, and writes what it returns only if nobody wrote the key in
 * between (a versionstamp check), trying again until the write holds. `change` returns the result
 * and, when something must be written, the new value (or `null` to delete it) with its expiry. A
 * local KV file shared by several processes answers "database is locked" while another writes:
 * that is a conflict too, and tried again after a short random pause.
 */
export async function changeAtomically<T, Result>(
  kv: KvLike,
  key: readonly unknown[],
  change: (value: T | null) => { result: Result; write?: { value: T | null; expireIn?: number } },
): Promise<Result> {
  for (let tries = 1; ; tries++) {
    try {
      const entry = await kv.get<T>(key);
      const { result, write } = change(entry.value);
      if (!write) return result;
      const atomic = kv.atomic().check({ key, versionstamp: entry.versionstamp });
      if (write.value === null) atomic.delete(key);
      else
        atomic.set(key, write.value, {
          ...(write.expireIn !== undefined && { expireIn: Math.max(1, Math.ceil(write.expireIn)) }),
        });
      if ((await atomic.commit()).ok) return result;
    } catch (error) {
      if (!/locked|busy/i.test(String(error)) || tries >= MAX_TRIES) throw error;
    }
    if (tries >= MAX_TRIES)
      throw new Error(`Deno KV: ${String(key)} changed ${MAX_TRIES} times in a row`);
    await pause(Math.random() * Math.min(20, tries));
  }
}

/** The prefix, checked. */
export function checkPrefix(prefix: string | undefined): string {
  const value = prefix ?? 'wazzup';
  if (typeof value !== 'string' || !value.trim()) throw new TypeError('prefix: a non-empty string');
  return value;
}

/** The KV, checked: a `Deno.Kv`. */
export function checkKv(kv: KvLike): void {
  if (!kv || typeof kv.get !== 'function' || typeof kv.atomic !== 'function') {
    throw new TypeError('kv: a Deno.Kv, from await Deno.openKv()');
  }
}
