import {
  createWazzup,
  ERROR_CODES,
  type WazzupOptions,
  WazzupValidationError,
} from '@wazzup-sdk/core';

/** What a validator made of a body: accepted, or refused with a code and a field. */
export type Verdict = { ok: true } | { ok: false; code: string; field: string };

/**
 * Core's verdict through its public API: a client whose fetch answers 201 and counts calls, so a
 * refusal also proves nothing reached the transport.
 */
export async function coreVerdict(
  input: unknown,
  options: Partial<WazzupOptions> = {},
): Promise<Verdict & { requests: number }> {
  let requests = 0;
  const fetch = async () => {
    requests++;
    return Response.json({ messageId: 'm', chatId: 'c' }, { status: 201 });
  };
  const wazzup = createWazzup({ apiKey: 'k', fetch, maxRetries: 0, ...options });
  try {
    await wazzup.messages.send(input as never);
    return { ok: true, requests };
  } catch (error) {
    if (!(error instanceof WazzupValidationError)) throw error;
    return { ok: false, code: String(error.code), field: error.field, requests };
  }
}

/** Whether a code is in core's catalogue. */
export function isCatalogued(code: string): boolean {
  return Object.hasOwn(ERROR_CODES, code);
}
