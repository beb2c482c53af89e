import { readFile } from 'node:fs/promises';
import type { Wazzup } from '@wazzup-sdk/core';
import { defineCommand } from 'citty';
import { API_ARGS, clientFrom } from '../client';
import { colours, safe, table, UsageError } from '../output';

// `wazzup contacts|users|deals list|get|upsert|delete`, `wazzup templates list` and `wazzup
// unanswered <userId>`: the CRM routes from the shell, lists paged to the end, `--json` for scripts.

type Kind = 'contacts' | 'users' | 'deals';
const ONE: Record<Kind, string> = { contacts: 'contact', users: 'user', deals: 'deal' };

/** Every item of a list, walking its pages to the end. */
async function all<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of pages) items.push(item);
  return items;
}

/** The items of `--file`: a JSON array, as the route's upsert takes it. */
async function itemsFrom(path: string, kind: Kind): Promise<unknown[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UsageError(`--file ${path}: cannot be read`);
  }
  let items: unknown;
  try {
    items = JSON.parse(text);
  } catch {
    throw new UsageError(`--file ${path}: not JSON`);
  }
  if (!Array.isArray(items)) throw new UsageError(`--file ${path}: a JSON array of ${kind}`);
  return items;
}

const cell = (value: unknown) => safe(value === undefined || value === null ? '' : String(value));

function entity(kind: Kind) {
  const one = ONE[kind];
  const resource = (wazzup: Wazzup) => wazzup[kind];
  return defineCommand({
    meta: { name: kind, description: `List, read, upsert and delete ${kind}` },
    subCommands: {
      list: defineCommand({
        meta: { name: 'list', description: `Every ${one}, all pages` },
        args: API_ARGS,
        async run({ args }) {
          const items = await all(resource(clientFrom(args)).list());
          if (args.json) return console.log(JSON.stringify(items));
          const rows = items.map((item) => {
            const fields = item as { id?: unknown; name?: unknown; responsibleUserId?: unknown };
            return [cell(fields.id), cell(fields.name), cell(fields.responsibleUserId)];
          });
          console.log(table(['ID', 'NAME', 'RESPONSIBLE'], rows));
          console.log(colours().dim(`${items.length} ${kind}`));
        },
      }),
      get: defineCommand({
        meta: { name: 'get', description: `One ${one} by its id` },
        args: {
          id: { type: 'positional', required: true, description: `The ${one}'s id` },
          ...API_ARGS,
        },
        async run({ args }) {
          const item = await resource(clientFrom(args)).get(args.id);
          console.log(args.json ? JSON.stringify(item) : safe(JSON.stringify(item, null, 2)));
        },
      }),
      upsert: defineCommand({
        meta: { name: 'upsert', description: `Create or update ${kind} from a JSON file` },
        args: {
          file: {
            type: 'string',
            required: true,
            description: `A JSON array of ${kind}`,
            valueHint: 'path',
          },
          ...API_ARGS,
        },
        async run({ args }) {
          const items = await itemsFrom(args.file, kind);
          // Checked by core before anything is sent: a bad item fails with its index and field.
          await resource(clientFrom(args)).upsert(items as never);
          if (args.json) return console.log(JSON.stringify({ upserted: items.length }));
          console.log(`${colours().green('upserted')} ${items.length} ${kind}`);
        },
      }),
      delete: defineCommand({
        meta: { name: 'delete', description: `Delete one ${one}` },
        args: {
          id: { type: 'positional', required: true, description: `The ${one}'s id` },
          ...API_ARGS,
        },
        async run({ args }) {
          await resource(clientFrom(args)).delete(args.id);
          if (args.json) return console.log(JSON.stringify({ deleted: args.id }));
          console.log(`${colours().green('deleted')} ${one} ${safe(args.id)}`);
        },
      }),
    },
  });
}

export const contacts = entity('contacts');
export const users = entity('users');
export const deals = entity('deals');

/** `wazzup templates list`: the account's WABA templates. */
export const templates = defineCommand({
  meta: { name: 'templates', description: 'The WABA templates of the account' },
  subCommands: {
    list: defineCommand({
      meta: { name: 'list', description: 'Every template, all pages' },
      args: API_ARGS,
      async run({ args }) {
        const items = await all(clientFrom(args).templates.list());
        if (args.json) return console.log(JSON.stringify(items));
        const rows = items.map((item) => {
          const fields = item as { templateGuid?: unknown; name?: unknown; status?: unknown };
          return [cell(fields.templateGuid), cell(fields.name), cell(fields.status)];
        });
        console.log(table(['GUID', 'NAME', 'STATUS'], rows));
      },
    }),
  },
});

/** `wazzup unanswered <userId>`: the user's counter of unanswered chats. */
export const unanswered = defineCommand({
  meta: { name: 'unanswered', description: 'A user’s counter of unanswered chats' },
  args: {
    userId: { type: 'positional', required: true, description: 'The user’s id' },
    ...API_ARGS,
  },
  async run({ args }) {
    const counter = await clientFrom(args).unanswered.get(args.userId);
    console.log(args.json ? JSON.stringify(counter) : safe(JSON.stringify(counter)));
  },
});
