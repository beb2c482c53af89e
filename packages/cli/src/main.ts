// `wazzup`: the command line for running a Wazzup integration. Exit codes: 0 done, 1 refused by
// the service or locally (the code is printed), 2 bad usage.
import { WazzupError } from '@wazzup-sdk/core';
import { type CommandDef, defineCommand, renderUsage, runCommand } from 'citty';
import { channels } from './commands/channels';
import { contacts, deals, templates, unanswered, users } from './commands/entities';
import { listen } from './commands/listen';
import { mock } from './commands/mock';
import { send } from './commands/send';
import { triggerCommand } from './commands/trigger';
import { webhooks } from './commands/webhooks';
import { colours, describeFailure, EXIT, plain, UsageError } from './output';

const root = defineCommand({
  meta: {
    name: 'wazzup',
    description:
      'Run a Wazzup24 integration: channels, send, webhooks, listen, and a fake API to trigger',
  },
  subCommands: {
    channels,
    send,
    webhooks,
    listen,
    mock,
    trigger: triggerCommand,
    contacts,
    users,
    deals,
    templates,
    unanswered,
  },
});

const VERSION = '0.1.0';
/** Flags of how to print, taken by every command wherever they stand. */
const OUTPUT_FLAGS = ['--json', '--verbose', '--show-token'];
const rawArgs = process.argv.slice(2);
const verbose = rawArgs.includes('--verbose');
const { red } = colours(process.stderr);

/** The usage of the command the words name (`webhooks set`), coloured only on a terminal. */
async function usage(words: string[]): Promise<string> {
  let command: CommandDef = root as CommandDef;
  let parent: CommandDef | undefined;
  for (const word of words.filter((arg) => !arg.startsWith('-'))) {
    const next = (command.subCommands as Record<string, CommandDef> | undefined)?.[word];
    if (!next) break;
    parent = command;
    command = next;
  }
  const text = await renderUsage(command, parent);
  return colours().on ? text : plain(text);
}

/** Names two flags apart by one letter at most, for "did you mean". */
function near(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let edits = 0;
  for (let i = 0, j = 0; i < a.length || j < b.length; i++, j++) {
    if (a[i] === b[j]) continue;
    if (++edits > 1) return false;
    if (a.length > b.length) j--;
    else if (b.length > a.length) i--;
  }
  return true;
}

/**
 * Refuses a flag the command does not take (a typo such as `--crm-mesage-id` would otherwise be
 * ignored, and a rerun would send again with a new crmMessageId). The command is found as citty
 * finds it: the first word that is not a flag names the subcommand.
 */
function refuseUnknownFlags(words: string[]): void {
  const known = new Set(['help', 'h', 'version']);
  // Flags that take a value: the word after one is its value, even when it starts with a dash.
  const valued = new Set<string>();
  let command: CommandDef = root as CommandDef;
  let rest = words;
  for (;;) {
    for (const [name, arg] of Object.entries(
      (command.args ?? {}) as Record<string, { type?: string; alias?: string | string[] }>,
    )) {
      if (arg.type === 'positional') continue;
      for (const each of [name, ...[arg.alias ?? []].flat()]) {
        known.add(each);
        if (arg.type === 'string') valued.add(each);
      }
    }
    const at = rest.findIndex((word) => !word.startsWith('-'));
    const next =
      at === -1
        ? undefined
        : (command.subCommands as Record<string, CommandDef> | undefined)?.[rest[at] as string];
    if (!next) break;
    command = next;
    rest = rest.slice(at + 1);
  }
  for (let at = 0; at < words.length; at++) {
    const word = words[at] as string;
    if (word === '--') break;
    const match = /^--?(?:no-)?([^=]+)/.exec(word);
    if (!match) continue;
    if (known.has(match[1] as string)) {
      if (valued.has(match[1] as string) && !word.includes('=')) at++;
      continue;
    }
    const meant = [...known].find((name) => name.length > 1 && near(name, match[1] as string));
    throw new UsageError(
      `unknown flag ${word.split('=')[0]}${meant ? ` (did you mean --${meant}?)` : ''}`,
    );
  }
}

if (rawArgs.includes('--version')) {
  console.log(VERSION);
} else if (rawArgs.length === 0 || rawArgs.includes('--help') || rawArgs.includes('-h')) {
  console.log(await usage(rawArgs));
} else {
  try {
    refuseUnknownFlags(rawArgs);
    // Output flags hold wherever they stand: citty hands a subcommand only the words after its
    // name, so they are moved there.
    const global = (word: string) => OUTPUT_FLAGS.includes(word);
    await runCommand(root, {
      rawArgs: [...rawArgs.filter((w) => !global(w)), ...rawArgs.filter(global)],
    });
  } catch (error) {
    const misused =
      error instanceof UsageError || (error instanceof Error && error.name === 'CLIError');
    if (misused) {
      if (!(error instanceof UsageError)) console.error(await usage(rawArgs));
      console.error(red(`usage: ${plain((error as Error).message)}`));
      process.exitCode = EXIT.usage;
    } else {
      console.error(red(`error: ${describeFailure(error)}`));
      if (verbose)
        console.error(error instanceof WazzupError ? JSON.stringify(error, null, 2) : error);
      process.exitCode = EXIT.refused;
    }
  }
}
