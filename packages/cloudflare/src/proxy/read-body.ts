import { WazzupConfigError } from '@wazzup-sdk/core';

/** A byte limit: a whole number above 0. */
export function checkByteLimit(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new WazzupConfigError(name, `${name} must be a whole number of bytes above 0`);
  }
  return value;
}

/**
 * Reads a JSON body of at most `limit` bytes, counting bytes as they stream in rather than trusting
 * Content-Length, so an oversized body costs the Worker no more than `limit`.
 */
export async function readJsonBody(
  request: Request,
  limit: number,
): Promise<{ body: unknown } | { problem: 'too-large' | 'not-json' }> {
  if (Number(request.headers.get('content-length') ?? 0) > limit) return { problem: 'too-large' };
  let size = 0;
  const capped = request.body?.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size > limit) controller.error(new RangeError('too large'));
        else controller.enqueue(chunk);
      },
    }),
  );
  let text: string;
  try {
    text = await new Response(capped).text();
  } catch {
    return { problem: 'too-large' };
  }
  try {
    return { body: JSON.parse(text) };
  } catch {
    return { problem: 'not-json' };
  }
}
