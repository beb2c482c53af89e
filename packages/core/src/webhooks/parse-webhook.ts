import * as v from 'valibot';
import { WazzupError } from '../errors/classes';
import {
  type WebhookChannelUpdate,
  WebhookChannelUpdateSchema,
  type WebhookCreateContact,
  WebhookCreateContactSchema,
  type WebhookCreateDeal,
  WebhookCreateDealSchema,
  type WebhookMessage,
  WebhookMessageSchema,
  WebhookStatusSchema,
  type WebhookStatusUpdate,
  type WebhookTemplateStatus,
  WebhookTemplateStatusSchema,
} from './schemas';

/** A delivery, or an item of one, that is not the documented shape. Nothing was handled for it. */
export class WazzupWebhookError extends WazzupError {
  override name = 'WazzupWebhookError';
  /** The delivery's key the item came under (`messages`, `statuses`, …); `''` for the body. */
  readonly section: string;
  /** The item's index in its section, for arrays. */
  readonly index: number | undefined;
  /** What was wrong, first issue first. */
  readonly problems: readonly string[];

  constructor(section: string, index: number | undefined, problems: readonly string[]) {
    const where = section ? `${section}${index === undefined ? '' : `[${index}]`}` : 'the delivery';
    super(`A webhook item at ${where} is not the documented shape: ${problems[0] ?? 'unreadable'}`);
    this.section = section;
    this.index = index;
    this.problems = problems.slice(0, 10);
  }
}

/** One thing a delivery says, in delivery order, discriminated by `type`. */
export type WebhookEvent =
  /** The `{ "test": true }` probe the service sends before it keeps an address. */
  | { type: 'test' }
  | {
      type: 'message';
      message: WebhookMessage;
      /** A message from the contact (`isEcho: false`). */
      incoming: boolean;
      /** An outgoing message seen back: sent from the phone, the iframe, or (some report) the API. */
      echo: boolean;
      edited: boolean;
      deleted: boolean;
    }
  | { type: 'status'; status: WebhookStatusUpdate }
  | { type: 'channel'; channel: WebhookChannelUpdate }
  | { type: 'template'; template: WebhookTemplateStatus }
  /** The service asks the CRM to create a contact: answer the created entity. */
  | { type: 'createContact'; request: WebhookCreateContact }
  /** The service asks the CRM to create a deal: answer the created entity. */
  | { type: 'createDeal'; request: WebhookCreateDeal }
  /** A section this SDK does not know yet, kept as it came. */
  | { type: 'unknown'; section: string; value: unknown }
  /** An item that is not the documented shape; the others of its delivery still come. */
  | { type: 'invalid'; error: WazzupWebhookError; item: unknown };

type Section = {
  schema: v.GenericSchema<unknown, unknown>;
  array: boolean;
  event: (item: never) => WebhookEvent;
};

const message = (item: WebhookMessage): WebhookEvent => ({
  type: 'message',
  message: item,
  incoming: !item.isEcho,
  echo: item.isEcho,
  edited: item.isEdited === true,
  deleted: item.isDeleted === true,
});

/** How each section of a delivery reads; built once, on the first delivery. */
let sections: Record<string, Section> | undefined;
function known(): Record<string, Section> {
  sections ??= {
    messages: { schema: WebhookMessageSchema, array: true, event: message },
    statuses: {
      schema: WebhookStatusSchema,
      array: true,
      event: (status: WebhookStatusUpdate) => ({ type: 'status', status }),
    },
    channelsUpdates: {
      schema: WebhookChannelUpdateSchema,
      array: true,
      event: (channel: WebhookChannelUpdate) => ({ type: 'channel', channel }),
    },
    templateStatus: {
      schema: WebhookTemplateStatusSchema,
      array: false,
      event: (template: WebhookTemplateStatus) => ({ type: 'template', template }),
    },
    createContact: {
      schema: WebhookCreateContactSchema,
      array: false,
      event: (request: WebhookCreateContact) => ({ type: 'createContact', request }),
    },
    createDeal: {
      schema: WebhookCreateDealSchema,
      array: false,
      event: (request: WebhookCreateDeal) => ({ type: 'createDeal', request }),
    },
  };
  return sections;
}

function problemsOf(issues: readonly v.BaseIssue<unknown>[]): string[] {
  return issues.map((issue) => {
    const path = issue.path?.map((step) => String(step.key)).join('.');
    return `${path ? `${path}: ` : ''}expected ${issue.expected ?? 'something else'}, got ${issue.received}`.slice(
      0,
      200,
    );
  });
}

function read(
  name: string,
  section: Section,
  item: unknown,
  index: number | undefined,
): WebhookEvent {
  const parsed = v.safeParse(section.schema, item);
  if (parsed.success) return section.event(parsed.output as never);
  return {
    type: 'invalid',
    error: new WazzupWebhookError(name, index, problemsOf(parsed.issues)),
    item,
  };
}

/**
 * Reads a webhook delivery (the parsed JSON body) into its events, in delivery order: the probe,
 * each message and status (one delivery may carry both), channel and template updates, and the
 * service's create-contact and create-deal requests. Lenient as the service is: unknown fields
 * are kept, unknown enum values pass as strings, statuses are compared lower-cased and template
 * statuses upper-cased. An item that is not the documented shape becomes an `invalid` event with
 * a {@link WazzupWebhookError}; the other items of its delivery still come. Never throws.
 *
 * @example
 * for (const event of parseWebhook(await request.json())) {
 *   if (event.type === 'message' && event.incoming) console.log(event.message.chatId, event.message.text);
 * }
 */
export function parseWebhook(body: unknown): WebhookEvent[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return [
      {
        type: 'invalid',
        error: new WazzupWebhookError('', undefined, ['not an object']),
        item: body,
      },
    ];
  }
  const record = body as Record<string, unknown>;
  if (record.test === true || record.test === 'true') return [{ type: 'test' }];
  const events: WebhookEvent[] = [];
  for (const [name, value] of Object.entries(record)) {
    const section = Object.hasOwn(known(), name) ? known()[name] : undefined;
    if (!section) {
      events.push({ type: 'unknown', section: name, value });
    } else if (!section.array) {
      events.push(read(name, section, value, undefined));
    } else if (!Array.isArray(value)) {
      const error = new WazzupWebhookError(name, undefined, ['expected an array']);
      events.push({ type: 'invalid', error, item: value });
    } else {
      for (const [index, item] of value.entries()) events.push(read(name, section, item, index));
    }
  }
  return events;
}
