import * as v from 'valibot';
import type { CallOptions } from '../core/options';
import type { WazzupPromise } from '../core/promise';
import { validateInput } from '../core/validate';
import { deferred, perMode } from '../schemas/deferred';
import { exactObject } from '../schemas/exact-object';
import { issueMessage } from '../schemas/issue-message';
import { call, engineOf, guarded, Resource, readDone, readWith, withBody } from './shared';

/** Which deliveries the service makes to the webhook address. */
export interface WebhookSubscriptions {
  /** Incoming and outgoing messages and their statuses. */
  messagesAndStatuses: boolean;
  /** The service's requests to create a contact or a deal in the CRM. */
  contactsAndDealsCreation: boolean;
  /** Channel state changes. */
  channelsUpdates: boolean;
  /** WABA template moderation. */
  templateStatus: boolean;
}

/** The account's webhook settings, always with booleans whatever the service answered. */
export interface WebhookSettings {
  /** The address deliveries go to; `undefined` when none is set. */
  uri: string | undefined;
  subscriptions: WebhookSubscriptions;
}

/** What `webhooks.set` takes. */
export interface SetWebhooksInput {
  /** An http(s) address of at most 200 characters; a query string (for a token) is fine. */
  uri: string;
  /** Switches to set; the ones left out are sent as `false`. */
  subscriptions?: Partial<WebhookSubscriptions> | undefined;
}

const SWITCHES = [
  'messagesAndStatuses',
  'contactsAndDealsCreation',
  'channelsUpdates',
  'templateStatus',
] as const;

/** `true`, `"true"` (as older pages document) or `1` read as on; anything else as off. */
const on = (value: unknown) => value === true || value === 'true' || value === 1;

/**
 * Schema of the `GET /v3/webhooks` answer, lenient about every page version: string booleans, the
 * template switch named `templateStatus`, `wabaTemplatesStatus` (live) or `tepmplateStatus` (a
 * misspelt page), and a missing address.
 */
export const WebhookSettingsSchema: v.GenericSchema<unknown, WebhookSettings> =
  /* @__PURE__ */ deferred(() =>
    v.pipe(
      v.looseObject({
        webhooksUri: v.nullish(v.string()),
        subscriptions: v.nullish(v.record(v.string(), v.unknown())),
      }),
      v.transform(({ webhooksUri, subscriptions }) => {
        const given = subscriptions ?? {};
        return {
          uri: webhooksUri || undefined,
          subscriptions: {
            messagesAndStatuses: on(given.messagesAndStatuses),
            contactsAndDealsCreation: on(given.contactsAndDealsCreation),
            channelsUpdates: on(given.channelsUpdates),
            templateStatus: on(
              given.templateStatus ?? given.wabaTemplatesStatus ?? given.tepmplateStatus,
            ),
          },
        };
      }),
    ),
  );

const uriNotValid = (text: string) => issueMessage('uriNotValid', text);

const setWebhooksRequestSchema = /* @__PURE__ */ perMode(
  (unknownKeys): v.GenericSchema<unknown, SetWebhooksInput> =>
    exactObject(
      {
        uri: v.pipe(
          v.string(uriNotValid('uri must be a string')),
          v.maxLength(200, uriNotValid('uri is limited to 200 characters')),
          v.check((uri) => {
            try {
              return /^https?:$/.test(new URL(uri).protocol);
            } catch {
              return false;
            }
          }, uriNotValid('uri must be an http(s) URL')),
        ),
        subscriptions: v.optional(
          exactObject(
            Object.fromEntries(
              SWITCHES.map((name) => [
                name,
                v.optional(
                  v.boolean(issueMessage('VALIDATION_ERROR', `${name} must be a boolean`)),
                ),
              ]),
            ),
            'subscriptions',
            { unknownKeys },
          ),
        ),
      },
      'the webhook settings',
      { unknownKeys },
    ),
);

/** Schema of `webhooks.set`'s input, checked before any request (the service's `uriNotValid`). */
export const SetWebhooksRequestSchema: v.GenericSchema<unknown, SetWebhooksInput> =
  /* @__PURE__ */ deferred(() => setWebhooksRequestSchema('refuse'));

/** `wazzup.webhooks`: where the service delivers, and what. */
export class Webhooks extends Resource {
  /** The account's webhook settings (`GET /v3/webhooks`), always as booleans; safe to repeat. */
  get(options?: CallOptions): WazzupPromise<WebhookSettings> {
    const read = readWith(WebhookSettingsSchema, 'webhook settings');
    return call(
      engineOf(this),
      { method: 'GET', path: '/v3/webhooks', route: 'GET /v3/webhooks', read },
      options,
    );
  }

  /**
   * Points the account's webhooks at `uri` (`PATCH /v3/webhooks`). The service first POSTs
   * `{ "test": true }` there and wants a 200: otherwise it answers `testPostNotPassed`; a bad
   * address is `uriNotValid` (checked here first). Safe to repeat: it sets the same settings, and
   * the service probes again. One address per account: this replaces any other integration's.
   */
  set(input: SetWebhooksInput, options?: CallOptions): WazzupPromise<void> {
    return guarded(() => {
      const { uri, subscriptions = {} } = validateInput(
        setWebhooksRequestSchema(engineOf(this).options.schema.unknownKeys),
        input,
        'uriNotValid',
      );
      const body = {
        webhooksUri: uri,
        subscriptions: Object.fromEntries(
          SWITCHES.map((name) => [name, (subscriptions as Record<string, unknown>)[name] === true]),
        ),
      };
      return call(engineOf(this), withBody('PATCH', '/v3/webhooks', body, readDone), options);
    });
  }
}
