import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createWebhookHandler,
  createWebhookSecret,
  toNodeHandler,
  type WebhookEvent,
  webhookAddress,
} from '@wazzup-sdk/core/webhooks';

/** The shortest `--token` the receiver takes: core's minimum for a webhook secret. */
const MIN_TOKEN_LENGTH = 16;

import { defineCommand } from 'citty';
import {
  colours,
  describeFailure,
  portOf,
  safe,
  safeJson,
  shownAddress,
  UsageError,
} from '../output';

/** One readable line for an event, as it arrives, safe for a terminal whatever the event holds. */
export function describeEvent(event: WebhookEvent): string {
  return safe(eventLine(event));
}

function eventLine(event: WebhookEvent): string {
  switch (event.type) {
    case 'message': {
      const { message } = event;
      const kind = event.incoming ? 'in  ' : 'echo';
      const flags = [event.edited && 'edited', event.deleted && 'deleted']
        .filter(Boolean)
        .join(' ');
      const who = message.contact?.username ? ` @${message.contact.username}` : '';
      const body = message.text ?? message.contentUri ?? `(${message.type})`;
      return `message ${kind} ${message.chatType} ${message.chatId}${who}${flags ? ` [${flags}]` : ''}: ${body}`;
    }
    case 'status': {
      const { status } = event;
      const error = status.error ? ` (${status.error.error})` : '';
      return `status  ${status.messageId} ${status.status}${error}`;
    }
    case 'channel':
      return `channel ${event.channel.channelId} ${event.channel.state}`;
    case 'template':
      return `template ${event.template.templateGuid} ${event.template.status}`;
    case 'createContact':
    case 'createDeal':
      return `${event.type} for user ${event.request.responsibleUserId} (not answered: no CRM here)`;
    case 'unknown':
      return `unknown ${event.section}: ${JSON.stringify(event.value).slice(0, 200)}`;
    case 'test':
      return 'probe';
    case 'invalid':
      return `invalid: ${event.error.message}`;
  }
}

/** The `--forward-to` address, checked before anything starts. */
function forwardAddress(value: string | undefined): URL | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url;
  } catch {}
  throw new UsageError(
    '--forward-to must be an http(s) address, e.g. http://127.0.0.1:3000/wazzup',
  );
}

/** Hop-by-hop headers a proxy does not pass on, and what fetch sets itself. */
const NOT_FORWARDED = ['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive'];

/**
 * Prints each delivery as `listen` does, then hands it unchanged to the app (the same method,
 * headers and body, and the query, which carries the token) and answers with the app's answer,
 * so a createContact gets the app's entity. An app that cannot be reached is answered 502.
 */
function forwarding(
  handle: (request: Request) => Promise<Response>,
  target: URL,
  json: boolean,
): (request: Request) => Promise<Response> {
  const { dim, red } = colours();
  return async (request) => {
    const body = ['GET', 'HEAD'].includes(request.method) ? null : await request.arrayBuffer();
    const url = new URL(target);
    url.search = new URL(request.url).search;
    const headers = new Headers(request.headers);
    for (const name of NOT_FORWARDED) headers.delete(name);
    // Printed first, by the same handler as without forwarding. What it refuses (a wrong token, a
    // wrong method, a body too big) is answered here and never reaches the app.
    const own = await handle(new Request(request.url, { method: request.method, headers, body }));
    if ([401, 405, 408, 413].includes(own.status)) return own;
    try {
      const answer = await fetch(url, {
        method: request.method,
        headers,
        body,
        redirect: 'manual',
      });
      const text = await answer.text();
      console.log(
        json
          ? safeJson({ type: 'forwarded', status: answer.status })
          : dim(`  → your app answered ${answer.status}`),
      );
      // fetch has decoded the body: it goes back as it is now, without the encoding's headers.
      const back = new Headers(answer.headers);
      back.delete('content-encoding');
      back.delete('content-length');
      return new Response(text, { status: answer.status, headers: back });
    } catch (error) {
      console.log(
        json
          ? safeJson({ type: 'forwarded', error: describeFailure(error) })
          : red(`  → your app could not be reached: ${safe(describeFailure(error))}`),
      );
      return new Response(null, { status: 502 });
    }
  };
}

/** `wazzup listen`: a webhook receiver on loopback that prints what the service sends. */
export const listen = defineCommand({
  meta: { name: 'listen', description: 'Receive webhooks on loopback and print each event' },
  args: {
    port: { type: 'string', default: '8787', description: 'The port' },
    host: { type: 'string', default: '127.0.0.1', description: 'The address to bind' },
    token: {
      type: 'string',
      description: `The secret expected in ?token=, at least ${MIN_TOKEN_LENGTH} characters (default a new one)`,
    },
    'show-token': {
      type: 'boolean',
      description: 'Print the address with its token (masked by default)',
    },
    json: { type: 'boolean', description: 'One JSON line per event' },
    'forward-to': {
      type: 'string',
      description:
        'Also forward each delivery unchanged (headers, body, its ?token=) to your app, e.g. http://127.0.0.1:3000/wazzup, and answer with its answer',
      valueHint: 'url',
    },
  },
  async run({ args }) {
    const port = portOf(args.port);
    if (args.token !== undefined && args.token.length < MIN_TOKEN_LENGTH) {
      throw new UsageError(
        `--token must be at least ${MIN_TOKEN_LENGTH} characters: a shorter one can be guessed`,
      );
    }
    const forwardTo = forwardAddress(args['forward-to']);
    const token = args.token ?? createWebhookSecret();
    const { dim, red } = colours();
    const print = (event: WebhookEvent) =>
      console.log(args.json ? safeJson(event) : describeEvent(event));
    const handle = createWebhookHandler({
      token,
      onEvent: print,
      onError: (error) =>
        args.json
          ? console.log(safeJson({ type: 'error', error: describeFailure(error) }))
          : console.log(red(`error   ${safe(describeFailure(error))}`)),
    });
    const server = createServer(
      toNodeHandler(forwardTo ? forwarding(handle, forwardTo, args.json === true) : handle),
    );
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, args.host, resolve);
    });
    const { port: bound } = server.address() as AddressInfo;
    const host = args.host.includes(':') ? `[${args.host}]` : args.host;
    const address = shownAddress(
      webhookAddress(`http://${host}:${bound}/`, token),
      args['show-token'] === true,
    );
    if (args.json) console.log(JSON.stringify({ type: 'listening', address }));
    else {
      const hint = address.includes('token=****') ? ' (--show-token prints the token)' : '';
      console.log(
        `listening at ${address}${hint}\n${dim('register it with: wazzup webhooks set <that address> --messages')}`,
      );
    }
    await new Promise<void>((resolve) => {
      // Open connections (a client holding a half-sent request) are closed, not waited for.
      const stop = () => {
        server.close(() => resolve());
        server.closeAllConnections();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  },
});
