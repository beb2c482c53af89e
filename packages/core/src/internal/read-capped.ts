// Reading a body up to a cap, for the answers the client reads, the deliveries the webhook handler
// reads and the bodies the Cloudflare proxy reads alike: a huge or endless body costs no more than
// the cap.

/** What a read that ran past its time limit rejects with. */
export class ReadTimeoutError extends Error {
  override name = 'ReadTimeoutError';
}

/**
 * Waits for `work` at most `timeoutMs` (none without one), then calls `onLate` and rejects with a
 * {@link ReadTimeoutError}. A timer, not an AbortSignal: making a signal per body cost a webhook
 * delivery more than the rest of its read.
 */
function inTime<T>(
  work: Promise<T>,
  timeoutMs: number | undefined,
  onLate: () => void,
): Promise<T> {
  if (timeoutMs === undefined) return work;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onLate();
      reject(new ReadTimeoutError(`The body did not arrive within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * Reads at most `maxBytes` of a body, then cancels the rest so the connection is freed. A body
 * whose length is declared and within the limit (and not compressed, which could expand it) is
 * read in one go, the common case and the fastest. `truncated` says the body went on past the cap:
 * `text` then holds its first `maxBytes` bytes.
 *
 * @param message The answer or request whose body to read; a missing body reads as `''`.
 * @param maxBytes The most bytes to read.
 * @param timeoutMs The longest the whole body may take: past it the read rejects with a
 * {@link ReadTimeoutError} (for a body that trickles in, or never ends).
 */
export async function readCapped(
  message: Request | Response,
  maxBytes: number,
  timeoutMs?: number,
): Promise<{ text: string; truncated: boolean }> {
  const { body, headers } = message;
  const declared = headers.get('content-length');
  if (!body || (declared && +declared <= maxBytes && !headers.get('content-encoding'))) {
    if (!body) return { text: '', truncated: false };
    // A read that comes too late is left to end with its connection.
    return { text: await inTime(message.text(), timeoutMs, () => {}), truncated: false };
  }
  const reader = (body as ReadableStream<Uint8Array>).getReader();
  const read = async () => {
    const chunks: Uint8Array[] = [];
    let room = maxBytes;
    while (room >= 0) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value.subarray(0, room));
      room -= value.byteLength;
    }
    return { chunks, room };
  };
  // Cancelling the reader ends a read that waits for the next chunk.
  const { chunks, room } = await inTime(
    read(),
    timeoutMs,
    () => void reader.cancel().catch(() => {}),
  );
  if (room < 0) reader.cancel().catch(() => {});
  // Decoded once, whole, by one shared decoder: a decoder made per answer (to decode as it
  // streams) cost more than the rest of the read on Node, and a body within the cap is no burden
  // in one piece.
  const whole = new Uint8Array(maxBytes - Math.max(room, 0));
  let at = 0;
  for (const chunk of chunks) {
    whole.set(chunk, at);
    at += chunk.byteLength;
  }
  decoder ??= new TextDecoder();
  return { text: decoder.decode(whole), truncated: room < 0 };
}

/**
 * Reads a body of at most `limit` bytes as text, or `undefined` past the limit: for bodies that
 * must come whole, such as a webhook delivery or a proxied send. One whose declared length is past
 * the limit is refused unread.
 *
 * @param request The request whose body to read; a missing body reads as `''`.
 * @param limit The most bytes the body may have.
 * @param timeoutMs The longest the body may take: past it the read rejects with a `ReadTimeoutError`.
 */
export async function readLimited(
  request: Request,
  limit: number,
  timeoutMs?: number,
): Promise<string | undefined> {
  if (Number(request.headers.get('content-length') ?? 0) > limit) return undefined;
  const { text, truncated } = await readCapped(request, limit, timeoutMs);
  return truncated ? undefined : text;
}

/**
 * Shared by every read: decoding a whole body keeps no state between calls. Made at the first
 * read, not at import, where Node's TextDecoder would be loaded for nothing.
 */
let decoder: TextDecoder | undefined;
