// Reading a body up to a cap, for the answers the client reads, the deliveries the webhook handler
// reads and the bodies the Cloudflare proxy reads alike: a huge or endless body costs no more than
// the cap.

/**
 * Reads at most `maxBytes` of a body, then cancels the rest so the connection is freed. A body
 * whose length is declared and within the limit (and not compressed, which could expand it) is
 * read in one go, the common case and the fastest. `truncated` says the body went on past the cap:
 * `text` then holds its first `maxBytes` bytes.
 *
 * @param message The answer or request whose body to read; a missing body reads as `''`.
 * @param maxBytes The most bytes to read.
 * @param signal Stops the read: the rest of the body is cancelled and the read rejects with the
 * signal's reason (for a body that comes too slowly).
 */
export async function readCapped(
  message: Request | Response,
  maxBytes: number,
  signal?: AbortSignal,
): Promise<{ text: string; truncated: boolean }> {
  const { body, headers } = message;
  const declared = headers.get('content-length');
  if (!body || (!signal && declared && +declared <= maxBytes && !headers.get('content-encoding'))) {
    return { text: body ? await message.text() : '', truncated: false };
  }
  const reader = (body as ReadableStream<Uint8Array>).getReader();
  // Cancelling the reader ends a read that is waiting for the next chunk.
  const stop = () => void reader.cancel().catch(() => {});
  signal?.addEventListener('abort', stop, { once: true });
  const chunks: Uint8Array[] = [];
  let room = maxBytes;
  try {
    while (room >= 0) {
      const { done, value } = await reader.read();
      if (signal?.aborted) throw signal.reason;
      if (done) break;
      chunks.push(value.subarray(0, room));
      room -= value.byteLength;
    }
  } finally {
    signal?.removeEventListener('abort', stop);
  }
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
 * @param signal Stops the read (see {@link readCapped}).
 */
export async function readLimited(
  request: Request,
  limit: number,
  signal?: AbortSignal,
): Promise<string | undefined> {
  if (Number(request.headers.get('content-length') ?? 0) > limit) return undefined;
  const { text, truncated } = await readCapped(request, limit, signal);
  return truncated ? undefined : text;
}

/**
 * Shared by every read: decoding a whole body keeps no state between calls. Made at the first
 * read, not at import, where Node's TextDecoder would be loaded for nothing.
 */
let decoder: TextDecoder | undefined;
