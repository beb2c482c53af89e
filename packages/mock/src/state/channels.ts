/**
 * The messengers a channel can be connected to, as the mock names them (`waba` is the service's
 * `wapi`). Not core's `Transport`, which is its HTTP layer.
 */
export type Messenger =
  | 'whatsapp'
  | 'waba'
  | 'instagram'
  | 'telegram'
  | 'viber'
  | 'vk'
  | 'avito'
  | 'max';

/** @deprecated The old name of {@link Messenger}. */
export type Transport = Messenger;

/** A channel's state: only `active` channels send. */
export type ChannelState = 'active' | 'blocked' | 'unpaid' | 'unavailable';

/** A channel of the fake account. */
export interface MockChannel {
  id: string;
  transport: Messenger;
  state?: ChannelState;
  /** The phone number or account the channel is; default one made from the id. */
  plainId?: string;
  /** The channel's name in the account, if it has one. */
  name?: string;
}

/** Which chat types each transport can send to. */
const CHAT_TYPES_BY_TRANSPORT: Record<Messenger, readonly string[]> = {
  whatsapp: ['whatsapp', 'whatsgroup'],
  waba: ['whatsapp'],
  instagram: ['instagram'],
  telegram: ['telegram', 'telegroup'],
  viber: ['viber'],
  vk: ['vk'],
  avito: ['avito'],
  max: ['max'],
};

/** The error code a non-active state answers with. */
export const STATE_ERRORS: Record<
  Exclude<ChannelState, 'active'>,
  { code: string; description: string }
> = {
  blocked: {
    code: 'CHANNEL_BLOCKED',
    description: 'The channel through which the message is sent is off',
  },
  unpaid: {
    code: 'CHANNEL_NO_MONEY',
    description: 'The channel is not paid and has the status of "Not Paid"',
  },
  unavailable: {
    code: 'MESSAGE_CHANNEL_UNAVAILABLE',
    description: 'The channel from which the message is sent is not available',
  },
};

/** Whether a channel of this transport can send to this chat type. */
export function canSendTo(channel: MockChannel, chatType: string): boolean {
  return CHAT_TYPES_BY_TRANSPORT[channel.transport]?.includes(chatType) ?? false;
}

/** How the service names each messenger in `GET /v3/channels`. */
const SERVICE_TRANSPORTS: Record<Messenger, string> = {
  whatsapp: 'whatsapp',
  waba: 'wapi',
  instagram: 'instagram',
  telegram: 'tgapi',
  viber: 'viber',
  vk: 'vk',
  avito: 'avito',
  max: 'max',
};

/** How the service names each state in `GET /v3/channels`. */
const SERVICE_STATES: Record<ChannelState, string> = {
  active: 'active',
  blocked: 'disabled',
  unpaid: 'notEnoughMoney',
  unavailable: 'phoneUnavailable',
};

/** A channel as `GET /v3/channels` lists it. */
export function channelView(channel: MockChannel): Record<string, string> {
  const digits = channel.id.replace(/\D/g, '').slice(0, 11).padEnd(11, '0');
  return {
    channelId: channel.id,
    transport: SERVICE_TRANSPORTS[channel.transport],
    plainId: channel.plainId ?? digits,
    state: SERVICE_STATES[channel.state ?? 'active'],
    ...(channel.name !== undefined && { name: channel.name }),
  };
}
