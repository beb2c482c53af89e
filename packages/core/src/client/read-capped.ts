// Reading a body up to a cap, for the answers the client reads and the deliveries the webhook
// handler reads alike: a huge or endless body costs no more than the cap.

/**
 * Reads at most `maxBytes` of a body, then cancels the rest so the connection is freed. A body
 * whose length is declared and within the limit (and not compressed, which could expand it) is
 * read in one go, the common case and the fastest.
 */
export async function readCapped(
  message: Request | Response,
  maxBytes: number,
): Promise<{ text: string; truncated: boolean }> {
  const { body, headers } = message;
  const declared = headers.get('content-length');
  if (!body || (declared && +declared <= maxBytes && !headers.get('content-encoding'))) {
    return { text: body ? await message.text() : '', truncated: false };
  }
  const reader = (body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  let room = maxBytes;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text: text + decoder.decode(), truncated: false };
    if (value.byteLength > room) {
      reader.cancel().catch(() => {});
      return { text: text + decoder.decode(value.subarray(0, room)), truncated: true };
    }
    text += decoder.decode(value, { stream: true });
    room -= value.byteLength;
  }
}
