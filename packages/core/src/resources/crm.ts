import * as v from 'valibot';
import type { CallOptions } from '../client/contract';
import { validateInput } from '../client/validate';
import { namedChat, phoneSchema, usernameSchema } from '../schemas/chat-target';
import { deferred, perMode } from '../schemas/deferred';
import { exactObject, type UnknownKeys } from '../schemas/exact-object';
import { issueMessage } from '../schemas/issue-message';
import { isHttpUrl } from '../schemas/request-rules';
import {
  batches,
  call,
  countSchema,
  type Engine,
  goneAfterRetry,
  idArray,
  idPath,
  offsetPages,
  readDone,
  readWith,
  text,
  validItems,
  withBody,
} from './shared';

/** A CRM user, as `users.upsert` takes it. */
export interface UserInput {
  /** Your CRM's id for the user, at most 200 characters. */
  id: string;
  name: string;
  /** Digits only, with the country code; the service drops a phone in another format. */
  phone?: string | undefined;
}

/**
 * One way to reach a contact: a chat in a messenger, named as a send names it (`chatId`, or for
 * Telegram a `username` or `phone` until the chatId is known; for MAX a `phone`).
 */
export interface ContactChat {
  chatType: string;
  chatId?: string | undefined;
  username?: string | undefined;
  phone?: string | undefined;
}

/** A CRM contact, as `contacts.upsert` takes it. */
export interface ContactInput {
  id: string;
  responsibleUserId: string;
  name: string;
  contactData: ContactChat[];
  /** The contact's page in your CRM. */
  uri?: string | undefined;
}

/** A CRM deal, as `deals.upsert` takes it. */
export interface DealInput {
  id: string;
  responsibleUserId: string;
  name: string;
  /** The deal's page in your CRM. */
  uri: string;
  /** Ids of the deal's contacts. */
  contacts: string[];
  closed: boolean;
}

/** An entity as the service answers it: the fields it was given, and any it adds. */
export type Stored<T> = Partial<T> & { id: string; [field: string]: unknown };

/** The methods of one CRM entity: users, contacts or deals. */
export interface EntityMethods<Input> {
  /**
   * Creates or updates entities by id (`POST /v3/<entity>`): any number, all validated first (a
   * bad one fails the call before any request, naming its index and field), then sent in
   * batches of 100. Safe to repeat: an upsert by id sets the same entity again.
   */
  upsert(items: readonly Input[], options?: CallOptions): Promise<void>;
  /** One entity by id (`GET /v3/<entity>/:id`); safe to repeat. */
  get(id: string, options?: CallOptions): Promise<Stored<Input>>;
  /** Every entity, walking the service's pages of 100 (`GET /v3/<entity>?offset=`). */
  list(options?: CallOptions): AsyncGenerator<Stored<Input>, void, undefined>;
  /**
   * Deletes one entity (`DELETE /v3/<entity>/:id`). Safe to repeat; a retry answered "not found"
   * after an attempt that may have reached the service counts as deleted.
   */
  delete(id: string, options?: CallOptions): Promise<void>;
  /** Deletes any number of entities (`PATCH /v3/<entity>/bulk_delete`), in batches of 100. */
  bulkDelete(ids: readonly string[], options?: CallOptions): Promise<void>;
}

const link = (code: string, field: string) =>
  v.pipe(
    text(code, field, 200),
    v.check(isHttpUrl, issueMessage(code, `${field} must be an http(s) URL`)),
  );

const USERS = 'INVALID_USERS_DATA';
const CONTACTS = 'INVALID_CONTACTS_DATA';
const DEALS = 'INVALID_DEALS_DATA';

/** One user to upsert. A phone in a bad format is sent as given: the service drops it. */
const userInputSchema = /* @__PURE__ */ perMode((unknownKeys) =>
  exactObject(
    {
      id: text(USERS, 'id', 200),
      name: text(USERS, 'name', 200),
      phone: v.optional(v.string(issueMessage(USERS, 'phone must be a string'))),
    },
    'a user',
    { code: USERS, unknownKeys },
  ),
);

/** One contact to upsert; each chat is named by the same rule as a send's. */
const contactInputSchema = /* @__PURE__ */ perMode((unknownKeys) =>
  exactObject(
    {
      id: text(CONTACTS, 'id', 100),
      responsibleUserId: text(CONTACTS, 'responsibleUserId', 100),
      name: text(CONTACTS, 'name', 200),
      contactData: v.pipe(
        v.array(
          v.pipe(
            exactObject(
              {
                chatType: text(CONTACTS, 'chatType', 100),
                chatId: v.optional(text(CONTACTS, 'chatId', 200)),
                username: v.optional(
                  v.pipe(
                    usernameSchema(CONTACTS),
                    v.maxLength(
                      200,
                      issueMessage(CONTACTS, 'username is limited to 200 characters'),
                    ),
                  ),
                ),
                phone: v.optional(phoneSchema(CONTACTS)),
              },
              'a contact chat',
              { code: CONTACTS, unknownKeys },
            ),
            namedChat(CONTACTS),
          ),
          issueMessage(CONTACTS, 'contactData must be an array'),
        ),
        v.minLength(1, issueMessage(CONTACTS, 'contactData needs at least one chat')),
      ),
      uri: v.optional(link(CONTACTS, 'uri')),
    },
    'a contact',
    { code: CONTACTS, unknownKeys },
  ),
);

/** One deal to upsert. */
const dealInputSchema = /* @__PURE__ */ perMode((unknownKeys) =>
  exactObject(
    {
      id: text(DEALS, 'id', 100),
      responsibleUserId: text(DEALS, 'responsibleUserId', 100),
      name: text(DEALS, 'name', 200),
      uri: link(DEALS, 'uri'),
      contacts: idArray(DEALS, 'contacts'),
      closed: v.boolean(issueMessage(DEALS, 'closed must be a boolean')),
    },
    'a deal',
    { code: DEALS, unknownKeys },
  ),
);

/** Schema of one user to upsert: strict, with the service's `INVALID_USERS_DATA`. */
export const UserInputSchema: v.GenericSchema<unknown, UserInput> = /* @__PURE__ */ deferred(() =>
  userInputSchema('refuse'),
);

/** Schema of one contact to upsert: strict, with the service's `INVALID_CONTACTS_DATA`. */
export const ContactInputSchema: v.GenericSchema<unknown, ContactInput> = /* @__PURE__ */ deferred(
  () => contactInputSchema('refuse') as v.GenericSchema<unknown, ContactInput>,
);

/** Schema of one deal to upsert: strict, with `INVALID_DEALS_DATA`. */
export const DealInputSchema: v.GenericSchema<unknown, DealInput> = /* @__PURE__ */ deferred(() =>
  dealInputSchema('refuse'),
);

/** Schema of an entity the service answers: an id, and whatever else it holds. */
const StoredSchema = /* @__PURE__ */ deferred(() => v.looseObject({ id: v.string() }));

/** A page of a list: `{ count, data }`, or (users on older pages) the whole list as an array. */
const PageSchema = /* @__PURE__ */ deferred(() =>
  v.union([
    v.pipe(
      v.array(StoredSchema),
      v.transform((items) => ({ items, count: items.length, whole: true })),
    ),
    v.pipe(
      v.looseObject({ count: countSchema(), data: v.array(StoredSchema) }),
      v.transform(({ count, data }) => ({ items: data, count, whole: false })),
    ),
  ]),
);

function entityMethods<Input extends { id: string }>(
  engine: Engine,
  entity: 'users' | 'contacts' | 'deals',
  schema: (unknownKeys: UnknownKeys) => v.GenericSchema<unknown, Input>,
  code: string,
): EntityMethods<Input> {
  const base = `/v3/${entity}`;
  const readOne = readWith(StoredSchema, `a stored ${entity.slice(0, -1)}`) as (
    answer: Parameters<ReturnType<typeof readWith>>[0],
  ) => Stored<Input>;
  const readPage = readWith(PageSchema, `a page of ${entity}`);
  return {
    async upsert(items, options) {
      for (const batch of batches(validItems(schema(engine.unknownKeys), items, code, entity))) {
        await call(engine, withBody('POST', base, batch, readDone), options);
      }
    },
    async get(id, options) {
      return call(
        engine,
        { method: 'GET', path: `${base}/${idPath(id, 'id')}`, read: readOne },
        options,
      );
    },
    async *list(options) {
      yield* offsetPages(async (offset) => {
        const page = await call(
          engine,
          { method: 'GET', path: `${base}?offset=${offset}`, read: readPage },
          options,
        );
        // An array is the whole list (older pages ignore the offset): never ask for more.
        return page.whole ? { items: page.items, count: offset + page.items.length } : page;
      }) as AsyncGenerator<Stored<Input>, void, undefined>;
    },
    async delete(id, options) {
      const path = `${base}/${idPath(id, 'id')}`;
      await call(
        engine,
        { method: 'DELETE', path, read: readDone, settle: goneAfterRetry },
        options,
      );
    },
    async bulkDelete(ids, options) {
      const valid = validateInput(idArray('VALIDATION_ERROR', 'ids'), ids, 'VALIDATION_ERROR');
      for (const batch of batches(valid)) {
        await call(engine, withBody('PATCH', `${base}/bulk_delete`, batch, readDone), options);
      }
    },
  };
}

/** `users`, `contacts` and `deals` on the client. */
export interface CrmMethods {
  users: EntityMethods<UserInput>;
  contacts: EntityMethods<ContactInput>;
  deals: EntityMethods<DealInput>;
}

/** The CRM entity methods on an engine. */
export function crmMethods(engine: Engine): CrmMethods {
  return {
    users: entityMethods(engine, 'users', userInputSchema, USERS),
    contacts: entityMethods(
      engine,
      'contacts',
      contactInputSchema as (mode: UnknownKeys) => v.GenericSchema<unknown, ContactInput>,
      CONTACTS,
    ),
    deals: entityMethods(engine, 'deals', dealInputSchema, DEALS),
  };
}
