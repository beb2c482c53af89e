import { CHATS } from '../validate/rules';

/**
 * A channel's transport, as `GET /v3/channels` names it: `wapi` is WABA, `tgapi` a Telegram
 * personal account and `telegram` a Telegram bot, `maxbot` a MAX bot.
 */
export const TRANSPORTS = [
  'whatsapp',
  'wapi',
  'instagram',
  'tgapi',
  'telegram',
  'viber',
  'vk',
  'avito',
  'max',
  'maxbot',
] as const;
export type Transport = (typeof TRANSPORTS)[number];

/**
 * A channel's state, as the API names it. Only `active` sends; `disabled` and `blocked` answer
 * `CHANNEL_BLOCKED`, `notEnoughMoney` `CHANNEL_NO_MONEY`, `rejected` `CHANNEL_WAPI_REJECTED`, and
 * every other state `MESSAGE_CHANNEL_UNAVAILABLE`.
 */
export const CHANNEL_STATES = [
  'active',
  'init',
  'disabled',
  'phoneUnavailable',
  'qr',
  'qridle',
  'openElsewhere',
  'notEnoughMoney',
  'foreignphone',
  'unauthorized',
  'waitForPassword',
  'waitForCode',
  'onModeration',
  'rejected',
  'blocked',
] as const;
export type ChannelState = (typeof CHANNEL_STATES)[number];

/** A channel of the fake account. */
export interface MockChannel {
  id: string;
  transport: Transport;
  state?: ChannelState;
  /** The phone number or account the channel is; default one made from the id. */
  plainId?: string;
  /** The channel's name in the account, if it has one. */
  name?: string;
}

/** The code and words a channel that cannot send answers with. */
export function stateError(state: ChannelState): { code: string; description: string } {
  switch (state) {
    case 'disabled':
    case 'blocked':
      return {
        code: 'CHANNEL_BLOCKED',
        description: 'The channel through which the message is sent is off',
      };
    case 'notEnoughMoney':
      return {
        code: 'CHANNEL_NO_MONEY',
        description: 'The channel is not paid and has the status of "Not Paid"',
      };
    case 'rejected':
      return { code: 'CHANNEL_WAPI_REJECTED', description: 'The WABA channel was rejected' };
    default:
      return {
        code: 'MESSAGE_CHANNEL_UNAVAILABLE',
        description: 'The channel from which the message is sent is not available',
      };
  }
}

/** Whether a channel of this transport can send to this chat type. */
export function canSendTo(channel: MockChannel, chatType: string): boolean {
  return CHATS[chatType]?.transports.includes(channel.transport) ?? false;
}

/** A channel as `GET /v3/channels` lists it. */
export function channelView(channel: MockChannel): Record<string, string> {
  const digits = channel.id.replace(/\D/g, '').slice(0, 11).padEnd(11, '0');
  return {
    channelId: channel.id,
    transport: channel.transport,
    plainId: channel.plainId ?? digits,
    state: channel.state ?? 'active',
    ...(channel.name !== undefined && { name: channel.name }),
  };
}
