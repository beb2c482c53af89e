import type { IncomingMessage } from '../create-wazzup-mock';
import type { MockChannel } from '../state/channels';
import type { WebhookAttempt } from '../webhooks/deliveries';

// The mock's control surface over HTTP, so a test in any language (or `wazzup trigger`) can make
// the running mock deliver what the service would: POST /_mock/trigger/<kind> with a JSON body and
// the account's key as `Authorization: Bearer <key>`. Nothing here counts against the rate limit,
// takes a fault or shows in the request log.

/** The path every control route starts with. */
export const CONTROL_PREFIX = '/_mock/';

/** What the control routes use of the mock, for the account the key names. */
export interface ControlDeps {
  channels: readonly MockChannel[];
  receive(message: IncomingMessage): Promise<string>;
  deliverWebhook(body: Record<string, unknown>): Promise<WebhookAttempt>;
  changeChannelState(channelId: string, state: string): Promise<void>;
  requestEntity(
    kind: 'createContact' | 'createDeal',
    request: Record<string, unknown>,
  ): Promise<unknown>;
  now(): number;
}

/** The chat type a channel's transport sends as (the API names them apart for a few). */
const CHAT_TYPE: Record<string, string> = { tgapi: 'telegram', wapi: 'whatsapp', max: 'max' };

const json = (status: number, body: unknown) => Response.json(body, { status });
const refuse = (field: string, rule: string) =>
  json(400, { error: 'VALIDATION_ERROR', description: `${field}: ${rule}`, data: { field } });
const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** Answers a control route: `kind` is what follows `/_mock/trigger/`. */
export async function answerControl(
  kind: string,
  body: unknown,
  deps: ControlDeps,
): Promise<Response> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return refuse('body', 'a JSON object');
  }
  const fields = body as Record<string, unknown>;
  switch (kind) {
    case 'message': {
      // A contact writes in: by default on the account's first channel, as its chat type.
      const channel =
        deps.channels.find((each) => each.id === fields.channelId) ??
        (fields.channelId === undefined ? deps.channels[0] : undefined);
      if (!channel) return refuse('channelId', 'one of the account’s channels');
      if (!isText(fields.chatId)) return refuse('chatId', 'the contact’s chat id');
      if (!isText(fields.text) && !isText(fields.contentUri)) {
        return refuse('text', 'a text, or a contentUri');
      }
      const messageId = await deps.receive({
        ...(fields as Partial<IncomingMessage>),
        channelId: channel.id,
        chatType: isText(fields.chatType)
          ? fields.chatType
          : (CHAT_TYPE[channel.transport] ?? channel.transport),
        chatId: fields.chatId,
      });
      return json(200, { messageId });
    }
    case 'status': {
      if (!isText(fields.messageId)) return refuse('messageId', 'the message’s id');
      if (!isText(fields.status)) return refuse('status', 'sent, delivered, read, error, …');
      const status = {
        messageId: fields.messageId,
        timestamp: new Date(deps.now()).toISOString(),
        status: fields.status,
        ...(isText(fields.error) && { error: { error: fields.error, description: fields.error } }),
      };
      const attempt = await deps.deliverWebhook({ statuses: [status] });
      return json(200, { delivered: attempt.outcome });
    }
    case 'create-contact':
    case 'create-deal': {
      const entity = await deps.requestEntity(
        kind === 'create-contact' ? 'createContact' : 'createDeal',
        fields,
      );
      return json(200, { entity: entity ?? null });
    }
    case 'channel': {
      if (!isText(fields.channelId)) return refuse('channelId', 'the channel’s id');
      if (!isText(fields.state)) return refuse('state', 'active, disabled, …');
      await deps.changeChannelState(fields.channelId, fields.state);
      return json(200, {});
    }
    default:
      return json(404, {
        error: 'NOT_FOUND',
        description: `No control route ${kind}: message, status, create-contact, create-deal, channel`,
      });
  }
}
