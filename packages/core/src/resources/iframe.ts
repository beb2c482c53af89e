import * as v from 'valibot';
import type { CallOptions } from '../core/options';
import type { WazzupPromise } from '../core/promise';
import { validateInput } from '../core/validate';
import { namedChat, phoneSchema, usernameSchema } from '../schemas/chat-target';
import { deferred, perMode } from '../schemas/deferred';
import { exactObject, type UnknownKeys } from '../schemas/exact-object';
import { issueMessage } from '../schemas/issue-message';
import { isHttpUrl } from '../schemas/request-rules';
import { call, engineOf, guarded, Resource, readWith, text, withBody } from './shared';

/** A chat the window shows, or opens. */
export interface IframeChat {
  chatType: string;
  /** As on a send: for Telegram a `username` or `phone` may stand in for it. */
  chatId?: string | undefined;
  name?: string | undefined;
  username?: string | undefined;
  phone?: string | undefined;
}

/** What `iframe.create` takes. */
export interface IframeOptions {
  /** The CRM user the window is for. */
  user: { id: string; name?: string | undefined };
  /** `global`: every chat of the user; `card`: the chats of one CRM card, given in `filter`. */
  scope: 'global' | 'card';
  /** The card's chats; required with `scope: 'card'`. */
  filter?: IframeChat[] | undefined;
  /** A chat to open at once. */
  activeChat?:
    | {
        channelId: string;
        chatType: string;
        chatId?: string | undefined;
        username?: string | undefined;
        phone?: string | undefined;
      }
    | undefined;
  options?:
    | {
        clientType?: string | undefined;
        useDealsEvents?: boolean | undefined;
        useMessageEvents?: boolean | undefined;
      }
    | undefined;
}

const str = (field: string) => text('VALIDATION_ERROR', field);
const opt = (field: string) => v.optional(str(field));
const bool = (field: string) =>
  v.optional(v.boolean(issueMessage('VALIDATION_ERROR', `${field} must be a boolean`)));

/** A chat of the window: named by the same rule as a send's chat. */
const chat = (entries: v.ObjectEntries, what: string, unknownKeys: UnknownKeys) =>
  v.pipe(
    exactObject(
      {
        chatType: str('chatType'),
        chatId: opt('chatId'),
        username: v.optional(usernameSchema('VALIDATION_ERROR')),
        phone: v.optional(phoneSchema('VALIDATION_ERROR')),
        ...entries,
      },
      what,
      { unknownKeys },
    ),
    namedChat('VALIDATION_ERROR'),
  );

const iframeRequestSchema = /* @__PURE__ */ perMode(
  (unknownKeys) =>
    v.pipe(
      exactObject(
        {
          user: exactObject({ id: str('user.id'), name: opt('user.name') }, 'user', {
            unknownKeys,
          }),
          scope: v.picklist(
            ['global', 'card'],
            issueMessage('VALIDATION_ERROR', 'scope must be "global" or "card"'),
          ),
          filter: v.optional(
            v.array(
              chat({ name: opt('name') }, 'a filter chat', unknownKeys),
              issueMessage('VALIDATION_ERROR', 'filter must be an array'),
            ),
          ),
          activeChat: v.optional(chat({ channelId: str('channelId') }, 'activeChat', unknownKeys)),
          options: v.optional(
            exactObject(
              {
                clientType: opt('clientType'),
                useDealsEvents: bool('useDealsEvents'),
                useMessageEvents: bool('useMessageEvents'),
              },
              'options',
              { unknownKeys },
            ),
          ),
        },
        'the iframe options',
        { unknownKeys },
      ),
      v.check(
        (input) => input.scope !== 'card' || (input.filter?.length ?? 0) > 0,
        issueMessage('VALIDATION_ERROR', 'a card iframe needs filter: the chats of the card'),
      ),
    ) as v.GenericSchema<unknown, IframeOptions>,
);

/** Schema of `iframe.create`'s input: strict; `filter` is required for a card. */
export const IframeRequestSchema: v.GenericSchema<unknown, IframeOptions> =
  /* @__PURE__ */ deferred(() => iframeRequestSchema('refuse'));

/** `wazzup.iframe`: links to the chat window. */
export class Iframe extends Resource {
  /**
   * A link to the chat window for a CRM user (`POST /v3/iframe`). Safe to repeat: each call only
   * makes a new link. A link that is not http(s) is `INVALID_RESPONSE`.
   */
  create(input: IframeOptions, options?: CallOptions): WazzupPromise<{ url: string }> {
    return guarded(() => {
      const schema = iframeRequestSchema(engineOf(this).options.schema.unknownKeys);
      const body = validateInput(schema, input, 'VALIDATION_ERROR');
      // The link goes into a page's <iframe src>: anything but http(s) (`javascript:` …) is refused.
      const read = readWith(IframeLinkSchema, 'an http(s) iframe link');
      return call(engineOf(this), withBody('POST', '/v3/iframe', body, read), options);
    });
  }
}

const IframeLinkSchema = /* @__PURE__ */ deferred(() =>
  v.pipe(
    v.looseObject({ url: v.pipe(v.string(), v.check(isHttpUrl)) }),
    v.transform(({ url }) => ({ url })),
  ),
);
