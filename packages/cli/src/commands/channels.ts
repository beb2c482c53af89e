import { canSend } from '@wazzup-sdk/core';
import { defineCommand } from 'citty';
import { API_ARGS, clientFrom } from '../client';
import { colours, table } from '../output';

/** `wazzup channels`: the account's channels and which can send. */
export const channels = defineCommand({
  meta: { name: 'channels', description: 'List the channels of the account, and which can send' },
  args: API_ARGS,
  async run({ args }) {
    const { data: list } = await clientFrom(args).channels.list();
    if (args.json) {
      console.log(
        JSON.stringify(list.map((channel) => ({ ...channel, canSend: canSend(channel) }))),
      );
      return;
    }
    const { green, dim } = colours();
    const rows = list.map((channel) => [
      channel.channelId,
      channel.transport,
      channel.plainId,
      channel.name ?? '',
      channel.state,
      canSend(channel) ? green('yes') : dim('no'),
    ]);
    console.log(table(['CHANNEL', 'TRANSPORT', 'PLAIN ID', 'NAME', 'STATE', 'CAN SEND'], rows));
  },
});
