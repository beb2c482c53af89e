/** Why a body could not be read. */
export type BodyProblem = 'too-large' | 'not-json';

/**
 * Reads a JSON body of at most `limit` bytes. Trusts no Content-Length: counts the bytes as they
 * stream in and stops at the limit, so a large body costs the Worker no more than `limit`.
 */
export async function readJsonBody(
  request: Request,
  limit: number,
): Promise<{ body: unknown } | { problem: BodyProblem }> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > limit) return { problem: 'too-large' };
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        return { problem: 'too-large' };
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return { body: JSON.parse(new TextDecoder().decode(bytes)) };
  } catch {
    return { problem: 'not-json' };
  }
}
