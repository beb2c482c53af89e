/** The messengers a channel can be connected to. */
export type Transport =
  | 'whatsapp'
  | 'waba'
  | 'instagram'
  | 'telegram'
  | 'viber'
  | 'vk'
  | 'avito'
  | 'max';

/** A channel's state: only `active` channels send. */
export type ChannelState = 'active' | 'blocked' | 'unpaid' | 'unavailable';

/** A channel of the fake account. */
export interface MockChannel {
  id: string;
  transport: Transport;
  state?: ChannelState;
}

/** Which chat types each transport can send to. */
const CHAT_TYPES_BY_TRANSPORT: Record<Transport, readonly string[]> = {
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
