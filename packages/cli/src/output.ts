import { WazzupApiError, WazzupError, WazzupValidationError } from '@wazzup-sdk/core';

/** Exit codes: done, refused (by the service or locally), bad usage. */
export const EXIT = { done: 0, refused: 1, usage: 2 } as const;

/** A mistake in how the command was called: exit 2 with the usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A `--port` value: a whole number from 0 (a free one) to 65 535, or a usage error. */
export function portOf(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError(`--port ${value}: expected a port number`);
  }
  return port;
}

/** Colours only on a terminal, and never with NO_COLOR set. */
export function colours(stream: NodeJS.WriteStream = process.stdout) {
  const on = stream.isTTY === true && !process.env.NO_COLOR;
  const paint = (code: number) => (text: string) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);
  return { green: paint(32), red: paint(31), dim: paint(2), bold: paint(1), on };
}

/** Removes terminal colours from text (citty colours its messages). */
export function plain(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching the escape is the point.
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: escaping them is the point.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from the outside (a contact's message, a name, a code) made safe for a terminal: control
 * characters, line breaks and the bidi controls that reorder a line are written as escapes, so
 * no text can clear the screen, set the window title or forge a line of output.
 */
export function safe(text: string): string {
  return text.replace(UNSAFE, (char) =>
    char === '\n' ? '\\n' : `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** One JSON document for a line of output: JSON's escapes, and the controls JSON leaves as they are. */
export function safeJson(value: unknown): string {
  return safe(JSON.stringify(value));
}

/** An address with its `token` query parameter masked, unless the user asked to see it. */
export function shownAddress(address: string, showToken: boolean): string {
  if (showToken) return address;
  try {
    const url = new URL(address);
    if (!url.searchParams.has('token')) return address;
    url.searchParams.set('token', 'MASKED');
    return url.href.replace('token=MASKED', 'token=****');
  } catch {
    return address;
  }
}

/** Rows as an aligned table, headers first. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

/**
 * One readable line for an error: the service's code, the field for a local refusal, and the
 * message. Core's errors never hold the key, so this prints nothing secret.
 */
export function describeFailure(error: unknown): string {
  if (error instanceof WazzupValidationError) {
    return `${error.code}${error.field ? ` at ${error.field}` : ''}: refused locally, nothing was sent (${error.message})`;
  }
  if (error instanceof WazzupApiError) {
    if (error.code === 'testPostNotPassed') {
      return `testPostNotPassed: the address did not answer the service's probe (POST {"test": true}) with 200; is your receiver running and reachable, with the right token? (${error.description})`;
    }
    return `${error.code} (HTTP ${error.status}): ${error.description}`;
  }
  if (error instanceof WazzupError) return `${error.name}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
