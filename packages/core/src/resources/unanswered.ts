import * as v from 'valibot';
import type { CallOptions } from '../client/contract';
import { deferred } from '../schemas/deferred';
import { numeric } from '../schemas/numeric';
import { call, type Engine, idPath, readWith } from './shared';

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

/** `unanswered` on the client. */
export interface UnansweredMethods {
  /** A CRM user's unanswered counter (`GET /v3/unanswered/:userId`); safe to repeat. */
  get(userId: string, options?: CallOptions): Promise<Unanswered>;
}

/** The unanswered methods on an engine. */
export function unansweredMethods(engine: Engine): UnansweredMethods {
  const read = readWith(UnansweredSchema, 'an unanswered counter');
  return {
    async get(userId, options) {
      const path = `/v3/unanswered/${idPath(userId, 'userId')}`;
      return call(engine, { method: 'GET', path, read }, options);
    },
  };
}
