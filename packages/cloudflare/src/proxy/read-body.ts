import { readCapped, WazzupConfigError } from '@wazzup-sdk/core';

/** A byte limit: a whole number above 0. */
export function checkByteLimit(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new WazzupConfigError(name, `${name} must be a whole number of bytes above 0`);
  }
  return value;
}

/**
 * Reads a JSON body of at most `limit` bytes with core's capped read: a declared length over the
 * limit is refused unread, and a body of undeclared length is counted as it streams in, so an
 * oversized body costs the Worker no more than `limit`.
 */
export async function readJsonBody(
  request: Request,
  limit: number,
): Promise<{ body: unknown } | { problem: 'too-large' | 'not-json' }> {
  if (Number(request.headers.get('content-length') ?? 0) > limit) return { problem: 'too-large' };
  let read: { text: string; truncated: boolean };
  try {
    read = await readCapped(request, limit);
  } catch {
    // The body broke off: whatever came is not a whole JSON document.
    return { problem: 'not-json' };
  }
  if (read.truncated) return { problem: 'too-large' };
  try {
    return { body: JSON.parse(read.text) };
  } catch {
    return { problem: 'not-json' };
  }
}
