import * as v from 'valibot';
import type { CallOptions } from '../core/options';
import { type ListParams, type PageData, type PagePromise, pages } from '../core/pagination';
import type { WazzupPromise, WithResponse } from '../core/promise';
import { validateInput } from '../core/validate';
import { type Engine, request } from '../internal/request';
import { namedChat, phoneSchema, usernameSchema } from '../schemas/chat-target';
import { deferred, perMode } from '../schemas/deferred';
import { exactObject, type UnknownKeys } from '../schemas/exact-object';
import { issueMessage } from '../schemas/issue-message';
import { isHttpUrl } from '../schemas/request-rules';
import {
  BATCH_LIMIT,
  call,
  checkOffset,
  countSchema,
  engineOf,
  goneAfterRetry,
  guarded,
  guardedList,
  idArray,
  idPath,
  inBatches,
  READ_MAX_BYTES,
  Resource,
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

/** What tells one entity's routes from another's. */
interface EntityKind<Input> {
  entity: 'users' | 'contacts' | 'deals';
  code: string;
  schema(unknownKeys: UnknownKeys): v.GenericSchema<unknown, Input>;
}

/** Each entity resource's kind, kept beside it (see `engineOf`). */
const kinds = /* @__PURE__ */ new WeakMap<object, EntityKind<never>>();

/** `users`, `contacts` or `deals`: the same five routes over another entity. */
abstract class Entities<Input extends { id: string }> extends Resource {
  constructor(engine: Engine, kind: EntityKind<Input>) {
    super(engine);
    kinds.set(this, kind as EntityKind<never>);
  }

  /**
   * Creates or updates entities by id (`POST /v3/<entity>`): any number, all validated first (a
   * bad one fails the call before any request, naming its index and field), then sent in
   * batches of 100. Safe to repeat: an upsert by id sets the same entity again.
   */
  upsert(items: readonly Input[], options?: CallOptions): WazzupPromise<void> {
    return guarded(() => {
      const { entity, code, schema: schemaFor } = kindOf(this);
      const schema = schemaFor(engineOf(this).options.schema.unknownKeys);
      const valid = validItems(schema, items, code, entity);
      const route = (batch: Input[]) => withBody('POST', `/v3/${entity}`, batch, readDone);
      return inBatches(valid, route, engineOf(this), options);
    });
  }

  /** One entity by id (`GET /v3/<entity>/:id`); safe to repeat. */
  get(id: string, options?: CallOptions): WazzupPromise<Stored<Input>> {
    return guarded(() => {
      const path = `/v3/${kindOf(this).entity}/${idPath(id, 'id')}`;
      const route = `GET /v3/${kindOf(this).entity}/:id`;
      const read = readWith(StoredSchema, `a stored ${kindOf(this).entity.slice(0, -1)}`);
      return call(engineOf(this), { method: 'GET', path, route, read }, options) as WazzupPromise<
        Stored<Input>
      >;
    });
  }

  /**
   * The entities, in the service's pages of 100 (`GET /v3/<entity>?offset=`): awaited, the first
   * page (`{ data, count, offset, next() }`); with `for await`, every entity. `{ offset }`
   * resumes a list.
   */
  list(params: ListParams = {}, options?: CallOptions): PagePromise<Stored<Input>> {
    const { entity } = kindOf(this);
    const read = readWith(PageSchema, `a page of ${entity}`);
    const load = (offset: number) =>
      request(
        engineOf(this),
        {
          method: 'GET',
          path: `/v3/${entity}?offset=${offset}`,
          route: `GET /v3/${entity}`,
          maxBytes: READ_MAX_BYTES,
          read,
        },
        options,
      ) as Promise<WithResponse<PageData<Stored<Input>>>>;
    return guardedList(() => pages(load, BATCH_LIMIT, checkOffset(params.offset)));
  }

  /**
   * Deletes one entity (`DELETE /v3/<entity>/:id`). Safe to repeat; a retry answered "not found"
   * after an attempt that may have reached the service counts as deleted.
   */
  delete(id: string, options?: CallOptions): WazzupPromise<void> {
    return guarded(() => {
      const path = `/v3/${kindOf(this).entity}/${idPath(id, 'id')}`;
      const route = `DELETE /v3/${kindOf(this).entity}/:id`;
      return call(
        engineOf(this),
        { method: 'DELETE', path, route, read: readDone, settle: goneAfterRetry },
        options,
      );
    });
  }

  /** Deletes any number of entities (`PATCH /v3/<entity>/bulk_delete`), in batches of 100. */
  bulkDelete(ids: readonly string[], options?: CallOptions): WazzupPromise<void> {
    return guarded(() => {
      const valid = validateInput(idArray('VALIDATION_ERROR', 'ids'), ids, 'VALIDATION_ERROR');
      const path = `/v3/${kindOf(this).entity}/bulk_delete`;
      const route = (batch: string[]) => withBody('PATCH', path, batch, readDone);
      return inBatches(valid, route, engineOf(this), options);
    });
  }
}

function kindOf<Input>(resource: Entities<Input & { id: string }>): EntityKind<Input> {
  return kinds.get(resource) as EntityKind<Input>;
}

/** `wazzup.users`: the CRM's users. */
export class Users extends Entities<UserInput> {
  constructor(engine: Engine) {
    super(engine, { entity: 'users', code: USERS, schema: userInputSchema });
  }
}

/** `wazzup.contacts`: the CRM's contacts, with their chats. */
export class Contacts extends Entities<ContactInput> {
  constructor(engine: Engine) {
    super(engine, {
      entity: 'contacts',
      code: CONTACTS,
      schema: contactInputSchema as (mode: UnknownKeys) => v.GenericSchema<unknown, ContactInput>,
    });
  }
}

/** `wazzup.deals`: the CRM's deals. */
export class Deals extends Entities<DealInput> {
  constructor(engine: Engine) {
    super(engine, { entity: 'deals', code: DEALS, schema: dealInputSchema });
  }
}
