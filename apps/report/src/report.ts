// Shared by the example apps: runs one send, times it and prints one line in the format
// `pnpm demo` reads: `✔ <what> → <outcome> (<ms> ms)`. Plain TypeScript that runs on every runtime.

/** One send of an example, as printed. */
export interface ReportRow {
  what: string;
  outcome: string;
  ok: boolean;
  ms: number;
}

/** What a send resolves to, in any runtime package. */
type Result = { status: 'sent'; messageId: string } | { status: 'duplicate'; crmMessageId: string };

/** Formats a row the way `pnpm demo` parses it. */
export function formatRow(row: ReportRow): string {
  return `${row.ok ? '✔' : '✘'} ${row.what} → ${row.outcome} (${row.ms} ms)`;
}

/**
 * The line that tells `pnpm demo` and the example tests what the fake API received: the bodies
 * of its delivered messages, as JSON (read back by `parseExampleOutput`).
 */
export function formatDelivered(messages: readonly { body: unknown }[]): string {
  return `delivered: ${JSON.stringify(messages.map((message) => message.body))}`;
}

/**
 * Runs `send` and records how it ended. `expectCode` marks a send that is meant to fail with that
 * error code (the validation example); any other outcome of it counts as a failure.
 */
export async function runSend(
  what: string,
  send: () => Promise<Result>,
  expectCode?: string,
): Promise<ReportRow> {
  const started = performance.now();
  let outcome: string;
  let ok: boolean;
  try {
    const result = await send();
    outcome =
      result.status === 'sent' ? `sent ${result.messageId}` : `duplicate ${result.crmMessageId}`;
    ok = expectCode === undefined;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    outcome = `error ${typeof code === 'string' ? code : (error as Error).name}`;
    ok = code === expectCode;
  }
  return { what, outcome, ok, ms: Math.round(performance.now() - started) };
}

/** Sends run and printed one after another. */
export interface Report {
  readonly rows: ReportRow[];
  /** Whether any send went wrong. */
  readonly failed: boolean;
  show(what: string, send: () => Promise<Result>, expectCode?: string): Promise<void>;
}

/** Runs and prints sends one after another. */
export function createReport(print: (line: string) => void = console.log): Report {
  const rows: ReportRow[] = [];
  return {
    rows,
    get failed(): boolean {
      return rows.some((row) => !row.ok);
    },
    async show(what: string, send: () => Promise<Result>, expectCode?: string): Promise<void> {
      const row = await runSend(what, send, expectCode);
      rows.push(row);
      print(formatRow(row));
    },
  };
}

/** The line `pnpm demo` and the example tests read for what came back by webhook. */
export function formatWebhook(text: string): string {
  return `webhook: ${text}`;
}

/** Waits until `done()` holds (or resolves true), checking every 20 ms, for at most `timeoutMs`. */
export async function waitUntil(
  done: () => boolean | Promise<boolean>,
  timeoutMs = 5000,
): Promise<void> {
  for (let waited = 0; !(await done()); waited += 20) {
    if (waited >= timeoutMs) throw new Error(`gave up after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
