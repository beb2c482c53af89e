// For the example apps' end-to-end tests (Node only): run an example the way a user would, and
// read its report back.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** One report line, with message ids replaced by `<id>` so lines compare across runs. */
export type ReportLine = string;

/** What every example sends, and how each send must end against the fake API. */
export const EXPECTED_LINES: ReportLine[] = [
  '✔ WhatsApp text → sent <id>',
  '✔ Telegram by username → sent <id>',
  '✔ Template with buttons → sent <id>',
  '✔ Invalid number (caught) → error CHAT_INCORRECT_CHAT_ID_WHATSAPP',
];

/** An example's output: its first line, its report lines, and the bodies the fake API received. */
export interface ExampleOutput {
  /** Everything it printed. */
  stdout: string;
  header: string;
  lines: ReportLine[];
  delivered: Record<string, unknown>[];
}

/** Reads an example's stdout. */
export function parseExampleOutput(stdout: string): ExampleOutput {
  const lines = [...stdout.matchAll(/^([✔✘] .+ → .+) \(\d+ ms\)$/gm)].map(([, line = '']) =>
    line.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>'),
  );
  const delivered = /^delivered: (.*)$/m.exec(stdout)?.[1];
  return {
    stdout,
    header: stdout.split('\n')[0] ?? '',
    lines,
    delivered: delivered ? (JSON.parse(delivered) as Record<string, unknown>[]) : [],
  };
}

/** Runs an example against the fake API (WAZZUP_API_KEY unset) and reads its output. */
export async function runExample(
  command: string,
  args: string[],
  cwd: string,
): Promise<ExampleOutput> {
  const env: NodeJS.ProcessEnv = { ...process.env, DENO_NO_UPDATE_CHECK: '1' };
  delete env.WAZZUP_API_KEY;
  const { stdout } = await promisify(execFile)(command, args, { cwd, env });
  return parseExampleOutput(stdout);
}

/** The texts the fake API received, a template standing as `template`. */
export function deliveredTexts(output: ExampleOutput): string[] {
  return output.delivered.map((body) => (typeof body.text === 'string' ? body.text : 'template'));
}

/**
 * Checks an example's auto-reply, as it printed it: the Telegram contact first reached by username
 * wrote back, the reply went to the chatId that webhook named (not the username), and its status
 * timeline came back by webhook, sent → delivered → read. Throws with the output otherwise.
 */
export function expectAutoReply(output: ExampleOutput): void {
  const incoming = /^webhook: incoming telegram (\S+): Thanks! When will it arrive\?$/m.exec(
    output.stdout,
  );
  const timeline = /^webhook: reply \S+ sent → delivered → read$/m.test(output.stdout);
  const reply = output.delivered.at(-1);
  const toThatChat =
    incoming !== null && reply?.chatId === incoming[1] && reply?.username === undefined;
  if (!incoming || !timeline || !toThatChat) {
    throw new Error(`the auto-reply did not go as expected:\n${output.stdout}`);
  }
}
