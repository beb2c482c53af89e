import { defineCommand } from 'citty';
import { API_ARGS, clientFrom } from '../client';
import { colours, safeJson, shownAddress } from '../output';

const SHOW_TOKEN = {
  'show-token': {
    type: 'boolean',
    description: 'Print the address with its token (masked by default)',
  },
} as const;

const on = (value: boolean) => (value ? 'on' : 'off');

/** `wazzup webhooks set <url>`. */
const set = defineCommand({
  meta: {
    name: 'set',
    description: 'Point the account’s webhooks at an address (the service probes it first)',
  },
  args: {
    url: { type: 'positional', required: true, description: 'The address, with its ?token=' },
    messages: { type: 'boolean', description: 'Messages and their statuses' },
    contacts: { type: 'boolean', description: 'Create-contact and create-deal requests' },
    channels: { type: 'boolean', description: 'Channel state changes' },
    templates: { type: 'boolean', description: 'WABA template moderation' },
    ...API_ARGS,
  },
  async run({ args }) {
    await clientFrom(args).webhooks.set({
      uri: args.url,
      subscriptions: {
        messagesAndStatuses: args.messages === true,
        contactsAndDealsCreation: args.contacts === true,
        channelsUpdates: args.channels === true,
        templateStatus: args.templates === true,
      },
    });
    if (args.json) console.log(JSON.stringify({ ok: true }));
    else console.log(`${colours().green('set')}: the address answered the probe`);
  },
});

/** `wazzup webhooks`: the settings, or `set` them. */
export const webhooks = defineCommand({
  meta: { name: 'webhooks', description: 'Show the webhook settings, or set them' },
  args: { ...API_ARGS, ...SHOW_TOKEN },
  subCommands: { set },
  async run({ args, rawArgs }) {
    // citty runs this after a subcommand too; the subcommand is the first word that is no flag.
    if (rawArgs.find((word) => !word.startsWith('-')) === 'set') return;
    const settings = await clientFrom(args).webhooks.get();
    const uri = settings.uri && shownAddress(settings.uri, args['show-token'] === true);
    if (args.json) {
      console.log(safeJson({ ...settings, uri }));
      return;
    }
    const { subscriptions } = settings;
    console.log(`address:    ${uri ?? '(none)'}`);
    console.log(`messages:   ${on(subscriptions.messagesAndStatuses)}`);
    console.log(`contacts:   ${on(subscriptions.contactsAndDealsCreation)}`);
    console.log(`channels:   ${on(subscriptions.channelsUpdates)}`);
    console.log(`templates:  ${on(subscriptions.templateStatus)}`);
  },
});
