// `wazzup`: the command line for running a Wazzup integration. Exit codes: 0 done, 1 refused by
// the service or locally (the code is printed), 2 bad usage.
import { WazzupError } from '@wazzup-sdk/core';
import { type CommandDef, defineCommand, renderUsage, runCommand } from 'citty';
import { channels } from './commands/channels';
import { listen } from './commands/listen';
import { mock } from './commands/mock';
import { send } from './commands/send';
import { webhooks } from './commands/webhooks';
import { colours, describeFailure, EXIT, plain, UsageError } from './output';

const root = defineCommand({
  meta: {
    name: 'wazzup',
    description: 'Run a Wazzup24 integration: channels, send, webhooks, listen, and a fake API',
  },
  subCommands: { channels, send, webhooks, listen, mock },
});

const VERSION = '0.1.0';
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

if (rawArgs.includes('--version')) {
  console.log(VERSION);
} else if (rawArgs.length === 0 || rawArgs.includes('--help') || rawArgs.includes('-h')) {
  console.log(await usage(rawArgs));
} else {
  try {
    await runCommand(root, { rawArgs });
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
