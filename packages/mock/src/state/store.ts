/** What the service keeps of a CRM entity: what it was given, by id. */
export type MockEntity = Record<string, unknown> & { id: string };

/** A WABA template the mock lists. */
export interface MockTemplate {
  templateGuid: string;
  name: string;
  title?: string;
  category?: string;
  language?: string;
  status: string;
  components?: { type: string; text?: string; format?: string }[];
}

/** A user's unanswered counter. */
export interface MockUnanswered {
  counterV2: number;
  type: 'red' | 'grey' | null;
  lastMsgDateTime: string | null;
}

/** The account's webhook settings, as the mock stores them. */
export interface MockWebhookSettings {
  uri: string | undefined;
  subscriptions: {
    messagesAndStatuses: boolean;
    contactsAndDealsCreation: boolean;
    channelsUpdates: boolean;
    templateStatus: boolean;
  };
}

/** An account's state beyond messages: one store per account, inspectable from tests. */
export interface MockStore {
  users: Map<string, MockEntity>;
  contacts: Map<string, MockEntity>;
  deals: Map<string, MockEntity>;
  pipelines: Map<string, MockEntity>;
  templates: MockTemplate[];
  unanswered: Map<string, MockUnanswered>;
  webhooks: MockWebhookSettings;
}

/** What an account starts with. */
export interface MockStoreSeed {
  users?: readonly MockEntity[];
  contacts?: readonly MockEntity[];
  deals?: readonly MockEntity[];
  pipelines?: readonly MockEntity[];
  templates?: readonly MockTemplate[];
  unanswered?: Readonly<Record<string, MockUnanswered>>;
}

const byId = (items: readonly MockEntity[] = []) =>
  new Map(items.map((item) => [item.id, structuredClone(item)]));

/** A fresh store from a seed (copied, so resetting restores the seed). */
export function createStore(seed: MockStoreSeed = {}): MockStore {
  return {
    users: byId(seed.users),
    contacts: byId(seed.contacts),
    deals: byId(seed.deals),
    pipelines: byId(seed.pipelines),
    templates: structuredClone([...(seed.templates ?? [])]),
    unanswered: new Map(Object.entries(structuredClone(seed.unanswered ?? {}))),
    webhooks: {
      uri: undefined,
      subscriptions: {
        messagesAndStatuses: false,
        contactsAndDealsCreation: false,
        channelsUpdates: false,
        templateStatus: false,
      },
    },
  };
}
