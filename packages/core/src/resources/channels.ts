import * as v from 'valibot';
import type { CallOptions } from '../client/contract';
import { deferred } from '../schemas/deferred';
import { call, type Engine, readWith } from './shared';

/** Transports the pages and clients name; the service may add more, which pass as strings. */
export type ChannelTransport =
  | 'whatsapp'
  | 'wapi'
  | 'instagram'
  | 'tgapi'
  | 'telegram'
  | 'vk'
  | 'avito'
  | 'max'
  | 'maxbot'
  | 'viber'
  | (string & {});

/** Channel states documented or seen live; only `active` can send. Others pass as strings. */
export type ChannelState =
  | 'active'
  | 'init'
  | 'disabled'
  | 'phoneUnavailable'
  | 'qr'
  | 'qridle'
  | 'openElsewhere'
  | 'openelsewhere'
  | 'notEnoughMoney'
  | 'foreignphone'
  | 'unauthorized'
  | 'waitForPassword'
  | 'waitForCode'
  | 'onModeration'
  | 'rejected'
  | 'blocked'
  | (string & {});

/** A channel of the account, as `GET /v3/channels` lists it (unknown fields kept). */
export interface Channel {
  channelId: string;
  transport: ChannelTransport;
  /** The phone number or account name the channel is. */
  plainId: string;
  state: ChannelState;
  name?: string | null | undefined;
  [field: string]: unknown;
}

/** Schema of one channel: lenient, as the service adds fields and values. */
export const ChannelSchema: v.GenericSchema<unknown, Channel> = /* @__PURE__ */ deferred(
  () =>
    v.looseObject({
      channelId: v.string(),
      transport: v.string(),
      plainId: v.optional(v.string(), ''),
      state: v.string(),
      name: v.nullish(v.string()),
    }) as v.GenericSchema<unknown, Channel>,
);

/** Whether a channel can send now: only an `active` one can. */
export function canSend(channel: Pick<Channel, 'state'>): boolean {
  return channel.state === 'active';
}

/** `channels` on the client. */
export interface ChannelMethods {
  /** Every channel of the account (`GET /v3/channels`); safe to repeat. */
  list(options?: CallOptions): Promise<Channel[]>;
}

/** The channel methods on an engine. */
export function channelMethods(engine: Engine): ChannelMethods {
  const read = readWith(v.array(ChannelSchema), 'a list of channels');
  return {
    list: (options) => call(engine, { method: 'GET', path: '/v3/channels', read }, options),
  };
}
