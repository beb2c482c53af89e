import { defineCommand } from 'citty';
import { API_ARGS, clientFrom } from '../client';
import { colours, UsageError } from '../output';

// `wazzup trigger`: makes the running fake API (`wazzup mock`) deliver to its webhook address
// what the service would, through its control routes (POST /_mock/trigger/<kind>), so a receiver
// can be tested end to end. Against the real API these routes do not exist (404).

/** POSTs one control request with the client's key, base URL and error handling. */
async function trigger(
  args: Parameters<typeof clientFrom>[0],
  kind: string,
  body: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const answer = await clientFrom(args).request({
    method: 'POST',
    path: `/_mock/trigger/${kind}`,
    body,
  });
  return (answer ?? {}) as Record<string, unknown>;
}

/** A JSON object given as a flag's value. */
function objectFrom(flag: string, text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`--${flag} must be a JSON object, e.g. '{"name":"Ann"}'`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(`--${flag} must be a JSON object, e.g. '{"name":"Ann"}'`);
  }
  return value as Record<string, unknown>;
}

const print = (json: boolean | undefined, answer: unknown, line: string) =>
  console.log(json ? JSON.stringify(answer) : line);

const message = defineCommand({
  meta: { name: 'message', description: 'A contact writes in: delivers { messages: [...] }' },
  args: {
    'chat-id': { type: 'string', required: true, description: 'The contact’s chat id' },
    text: { type: 'string', description: 'What they wrote' },
    'content-uri': { type: 'string', description: 'A file they sent, by URL' },
    'channel-id': { type: 'string', description: 'The channel (default the account’s first)' },
    'chat-type': { type: 'string', description: 'Default the channel’s' },
    ...API_ARGS,
  },
  async run({ args }) {
    const answer = await trigger(args, 'message', {
      chatId: args['chat-id'],
      ...(args.text !== undefined && { text: args.text }),
      ...(args['content-uri'] !== undefined && { contentUri: args['content-uri'] }),
      ...(args['channel-id'] !== undefined && { channelId: args['channel-id'] }),
      ...(args['chat-type'] !== undefined && { chatType: args['chat-type'] }),
    });
    print(args.json, answer, `${colours().green('delivered')} message ${answer.messageId}`);
  },
});

const status = defineCommand({
  meta: { name: 'status', description: 'A sent message’s status changes: delivers { statuses }' },
  args: {
    'message-id': { type: 'string', required: true, description: 'The message’s id' },
    status: { type: 'string', required: true, description: 'sent, delivered, read, error…' },
    error: { type: 'string', description: 'With error: the code' },
    ...API_ARGS,
  },
  async run({ args }) {
    const answer = await trigger(args, 'status', {
      messageId: args['message-id'],
      status: args.status,
      ...(args.error !== undefined && { error: args.error }),
    });
    print(
      args.json,
      answer,
      `${colours().green('delivered')} status ${args.status} of ${args['message-id']} (your app answered ${answer.delivered})`,
    );
  },
});

/** `create-contact` or `create-deal`: the service asks the CRM to create one. */
const creation = (kind: 'contact' | 'deal') =>
  defineCommand({
    meta: {
      name: `create-${kind}`,
      description: `The service asks your CRM to create a ${kind}: delivers { create${kind === 'contact' ? 'Contact' : 'Deal'} } and prints its answer`,
    },
    args: {
      data: { type: 'string', description: 'The request as JSON, e.g. {"responsibleUserId":"u1"}' },
      ...API_ARGS,
    },
    async run({ args }) {
      const answer = await trigger(args, `create-${kind}`, objectFrom('data', args.data));
      print(args.json, answer, `your app answered ${JSON.stringify(answer.entity ?? null)}`);
    },
  });

const channel = defineCommand({
  meta: { name: 'channel', description: 'A channel changes state: delivers { channelsUpdates }' },
  args: {
    'channel-id': { type: 'string', required: true, description: 'The channel' },
    state: { type: 'string', required: true, description: 'active, disabled, phoneUnavailable…' },
    ...API_ARGS,
  },
  async run({ args }) {
    const answer = await trigger(args, 'channel', {
      channelId: args['channel-id'],
      state: args.state,
    });
    print(
      args.json,
      answer,
      `${colours().green('delivered')} channel ${args['channel-id']} ${args.state}`,
    );
  },
});

/** `wazzup trigger`: deliveries from the running fake API to its webhook address. */
export const triggerCommand = defineCommand({
  meta: {
    name: 'trigger',
    description:
      'Make the fake API (wazzup mock) deliver a webhook: message, status, create-contact, create-deal, channel',
  },
  subCommands: {
    message,
    status,
    'create-contact': creation('contact'),
    'create-deal': creation('deal'),
    channel,
  },
});
