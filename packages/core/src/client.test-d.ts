import { describe, expectTypeOf, it } from 'vitest';
import {
  createSender,
  createWazzup,
  type Page,
  type PagePromise,
  type Wazzup,
  type WazzupResponse,
  type WazzupSender,
} from './index';
import type { Channel } from './resources/channels';
import type { Stored, UserInput } from './resources/crm';
import type { SendMessageResult } from './resources/messages';

describe('one surface', () => {
  it('createWazzup gives the whole client and createSender only messages.send', () => {
    expectTypeOf(createWazzup).returns.toEqualTypeOf<Wazzup>();
    expectTypeOf(createSender).returns.toEqualTypeOf<WazzupSender>();
    expectTypeOf<keyof WazzupSender>().toEqualTypeOf<'messages'>();
    expectTypeOf<keyof WazzupSender['messages']>().toEqualTypeOf<'send'>();
    // Every option is optional: the key can come from the environment.
    expectTypeOf(createWazzup).toBeCallableWith();
    expectTypeOf(createWazzup).toBeCallableWith({ env: { WAZZUP_API_KEY: 'k' } });
  });

  it('a list is awaitable to its first page and iterable to every item', () => {
    const wazzup = {} as Wazzup;
    expectTypeOf(wazzup.users.list()).toEqualTypeOf<PagePromise<Stored<UserInput>>>();
    expectTypeOf(wazzup.users.list()).resolves.toEqualTypeOf<Page<Stored<UserInput>>>();
    expectTypeOf<Page<Channel>['count']>().toEqualTypeOf<number | undefined>();
    expectTypeOf(wazzup.channels.list()).toMatchTypeOf<AsyncIterable<Channel>>();
    expectTypeOf(wazzup.users.list).toBeCallableWith({ offset: 100 });
  });

  it('every call has withResponse(), and the flat names are gone', () => {
    const wazzup = {} as Wazzup;
    expectTypeOf(wazzup.messages.send({} as never).withResponse()).resolves.toEqualTypeOf<{
      data: SendMessageResult;
      response: WazzupResponse;
    }>();
    expectTypeOf(wazzup.request({ method: 'GET', path: '/v3/x' })).resolves.toBeUnknown();
    // @ts-expect-error messages are namespaced
    void wazzup.sendMessage;
    // @ts-expect-error a sender has no edit
    void ({} as WazzupSender).messages.edit;
  });
});
