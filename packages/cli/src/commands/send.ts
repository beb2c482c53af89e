import { parseArgs } from 'node:util';
import type { SendMessageRequest } from '@wazzup-sdk/core';
import { defineCommand } from 'citty';
import { API_ARGS, clientFrom } from '../client';
import { colours } from '../output';

/**
 * Every value of a flag given more than once: citty keeps the last, so Node's own parser reads
 * the repeats (the one flag that repeats).
 */
function every(rawArgs: string[], flag: string): string[] | undefined {
  const { values } = parseArgs({
    args: rawArgs,
    options: { [flag]: { type: 'string', multiple: true } },
    strict: false,
    allowPositionals: true,
  });
  const found = values[flag];
  return Array.isArray(found) ? found.map(String) : undefined;
}

/** `wazzup send`: one message, validated locally first. */
export const send = defineCommand({
  meta: { name: 'send', description: 'Send one message (validated locally first)' },
  args: {
    channel: { type: 'string', required: true, description: 'The channel id', valueHint: 'id' },
    'chat-type': {
      type: 'string',
      required: true,
      description: 'whatsapp, whatsgroup, instagram, telegram…',
    },
    'chat-id': { type: 'string', description: 'The chat (a phone number for WhatsApp)' },
    text: { type: 'string', description: 'The text' },
    'content-uri': { type: 'string', description: 'A file to send, by URL' },
    username: { type: 'string', description: 'Telegram: the username, without @' },
    phone: { type: 'string', description: 'Telegram: the phone, digits only' },
    'template-id': { type: 'string', description: 'A WABA template' },
    'template-value': { type: 'string', description: "A template's value (repeat the flag)" },
    'crm-message-id': {
      type: 'string',
      description: 'Your id, for exactly-once (default a new one)',
    },
    ...API_ARGS,
  },
  async run({ args, rawArgs }) {
    const message = {
      channelId: args.channel,
      chatType: args['chat-type'],
      chatId: args['chat-id'],
      text: args.text,
      contentUri: args['content-uri'],
      username: args.username,
      phone: args.phone,
      templateId: args['template-id'],
      templateValues: every(rawArgs, 'template-value'),
      crmMessageId: args['crm-message-id'],
    } as SendMessageRequest;
    const result = await clientFrom(args).messages.send(message);
    if (args.json) {
      console.log(JSON.stringify(result));
      return;
    }
    const { green } = colours();
    console.log(
      result.status === 'sent'
        ? `${green('sent')} ${result.messageId} to ${result.chatId} (crmMessageId ${result.crmMessageId})`
        : `duplicate: already sent with crmMessageId ${result.crmMessageId}; nothing new was sent`,
    );
  },
});
