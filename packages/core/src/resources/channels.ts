import * as v from 'valibot';
import type { CallOptions } from '../core/options';
import type { PagePromise } from '../core/pagination';
import { deferred } from '../schemas/deferred';
import { engineOf, Resource, unpaged } from './shared';

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

/** `wazzup.channels`. */
export class Channels extends Resource {
  /**
   * Every channel of the account (`GET /v3/channels`), as one page; safe to repeat. Pick one that
   * can send (`canSend(channel)`: only an `active` one).
   */
  list(options?: CallOptions): PagePromise<Channel> {
    return unpaged(
      engineOf(this),
      { method: 'GET', path: '/v3/channels', route: 'GET /v3/channels' },
      ChannelsSchema,
      'a list of channels',
      options,
    );
  }
}

const ChannelsSchema = /* @__PURE__ */ deferred(() => v.array(ChannelSchema));
