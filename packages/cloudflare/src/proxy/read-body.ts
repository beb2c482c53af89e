import { WazzupConfigError } from '@wazzup-sdk/core';
import { readLimited } from '@wazzup-sdk/core/internal';

/** A byte limit: a whole number above 0. */
export function checkByteLimit(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new WazzupConfigError(name, `${name} must be a whole number of bytes above 0`);
  }
  return value;
}

/**
 * Reads a JSON body of at most `limit` bytes with core's `readLimited`, as core's webhook handler
 * reads its deliveries: a declared length over the limit is refused unread, and a body of
 * undeclared length is counted as it streams in, so an oversized body costs the Worker no more
 * than `limit`.
 */
export async function readJsonBody(
  request: Request,
  limit: number,
): Promise<{ body: unknown } | { problem: 'too-large' | 'not-json' }> {
  let text: string | undefined;
  try {
    text = await readLimited(request, limit);
  } catch {
    // The body broke off: whatever came is not a whole JSON document.
    return { problem: 'not-json' };
  }
  if (text === undefined) return { problem: 'too-large' };
  try {
    return { body: JSON.parse(text) };
  } catch {
    return { problem: 'not-json' };
  }
}
