import * as v from 'valibot';
import type { CallOptions } from '../core/options';
import type { WazzupPromise } from '../core/promise';
import { deferred } from '../schemas/deferred';
import { numeric } from '../schemas/numeric';
import { call, engineOf, guarded, idPath, Resource, readWith } from './shared';

/** A CRM user's unanswered counter (unknown fields kept). */
export interface Unanswered {
  /** Chats waiting for an answer. */
  counterV2: number;
  /** `red`: a client waits; `grey`: only chats the user need not answer; `null`: none. */
  type: 'red' | 'grey' | null | (string & {});
  /** When the last unanswered message came, as the service gives it. */
  lastMsgDateTime: string | null;
  [field: string]: unknown;
}

const UnansweredSchema = /* @__PURE__ */ deferred(
  () =>
    v.looseObject({
      counterV2: numeric(),
      type: v.nullish(v.string(), null),
      lastMsgDateTime: v.nullish(v.string(), null),
    }) as v.GenericSchema<unknown, Unanswered>,
);

/** `wazzup.unanswered`: a CRM user's unanswered counter. */
export class UnansweredCounters extends Resource {
  /** A CRM user's unanswered counter (`GET /v3/unanswered/:userId`); safe to repeat. */
  get(userId: string, options?: CallOptions): WazzupPromise<Unanswered> {
    return guarded(() => {
      const path = `/v3/unanswered/${idPath(userId, 'userId')}`;
      const read = readWith(UnansweredSchema, 'an unanswered counter');
      return call(
        engineOf(this),
        { method: 'GET', path, route: 'GET /v3/unanswered/:userId', read },
        options,
      );
    });
  }
}
