// A Cloudflare Worker with @wazzup-sdk/cloudflare:
//   GET  /          the browser example's page (and /app.js, its script)
//   POST /api/send  the proxy the page sends through; the API key stays here
//   GET  /demo      the example sends, run inside the Worker with createWazzup({ env })
//   POST /wazzup    the webhook address: the auto-reply, its handlers run through ctx.waitUntil
//   GET  /api/events what the auto-reply recorded (statuses, incoming messages), for the page
import {
  createProxyHandler,
  createWazzup,
  type Wazzup,
  type WazzupEnv,
} from '@wazzup-sdk/cloudflare';
import {
  createWorkerWebhookHandler,
  type KvNamespaceLike,
  kvDedupe,
} from '@wazzup-sdk/cloudflare/webhooks';
import { createReport } from '@wazzup-sdk/example-report';
import {
  type AutoReplyEntry,
  type AutoReplyHandlers,
  autoReplyHandlers,
  summarize,
} from '@wazzup-sdk/example-report/auto-reply';

export interface Env extends WazzupEnv {
  /** The session value the page's cookie must carry (a real app checks its own sessions). */
  APP_TOKEN: string;
  /** Origins allowed to call the proxy, comma-separated. */
  ALLOWED_ORIGINS: string;
  /** JSON: the channel id per chat type. */
  CHANNELS: string;
  WAZZUP_CHAT_ID?: string;
  /** The webhook secret in the registered address (`wrangler secret put WAZZUP_WEBHOOK_TOKEN`). */
  WAZZUP_WEBHOOK_TOKEN: string;
  /** KV for the auto-reply: what it recorded, and the deliveries it has seen (to drop repeats). */
  WEBHOOK_STATE: Kv;
  /** How long the webhook handlers may run, in ms; default 25 000 (the service waits 30 s). */
  WEBHOOK_HANDLER_TIMEOUT_MS?: string;
}

/** The part of a KV namespace the example uses. */
interface Kv extends KvNamespaceLike {
  put(
    key: string,
    value: string,
    options?: { expirationTtl?: number; metadata?: unknown },
  ): Promise<void>;
  list(options: { prefix: string; cursor?: string }): Promise<{
    keys: { name: string; metadata?: unknown }[];
    list_complete: boolean;
    cursor?: string;
  }>;
}

// Put in at build time: the browser example's page and bundled script.
declare const BROWSER_APP_HTML: string;
declare const BROWSER_APP_JS: string;

const SESSION_COOKIE = 'demo_session';

function sessionOf(request: Request): string | undefined {
  const cookies = request.headers.get('cookie') ?? '';
  return cookies
    .split(/;\s*/)
    .find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`))
    ?.slice(SESSION_COOKIE.length + 1);
}

let proxy: ((request: Request, env: Env) => Promise<Response>) | undefined;
function proxyFor(env: Env) {
  proxy ??= createProxyHandler<Env>({
    allowedOrigins: env.ALLOWED_ORIGINS.split(','),
    authorize: (request, env) => sessionOf(request) === env.APP_TOKEN,
  });
  return proxy;
}

// The auto-reply's record, one KV key per entry (kept in the key's metadata, so one list reads
// them all), named by time and a per-isolate counter so a list gives them in the order recorded.
let sequence = 0;
const LOG_PREFIX = 'log:';
function record(env: Env, entry: AutoReplyEntry): Promise<void> {
  const key = `${LOG_PREFIX}${String(Date.now()).padStart(15, '0')}:${String(sequence++).padStart(9, '0')}`;
  return env.WEBHOOK_STATE.put(key, '', { expirationTtl: 24 * 60 * 60, metadata: entry });
}

async function recorded(env: Env): Promise<AutoReplyEntry[]> {
  const entries: AutoReplyEntry[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 100; page++) {
    const list = await env.WEBHOOK_STATE.list({ prefix: LOG_PREFIX, ...(cursor && { cursor }) });
    for (const key of list.keys) entries.push(key.metadata as AutoReplyEntry);
    if (list.list_complete || !list.cursor) break;
    cursor = list.cursor;
  }
  return entries;
}

/**
 * `make` run once per env object, not once per request or event, and kept while that env lives. A
 * changed secret comes with a new env object, so it takes effect at once.
 */
function perEnv<T extends object>(make: (env: Env) => T): (env: Env) => T {
  const made = new WeakMap<Env, T>();
  return (env) => {
    let value = made.get(env);
    if (!value) {
      value = make(env);
      made.set(env, value);
    }
    return value;
  };
}

// One client per env object: a client checks its options and builds its request schema when it is
// made. The WAZZUP_API_KEY secret comes from the Worker's env.
const clientFor = perEnv<Wazzup>((env) => createWazzup({ env }));

// The same auto-reply as every other example, made from the env (its client and its record) once
// per env object.
const autoReply = perEnv<AutoReplyHandlers>((env) =>
  autoReplyHandlers(clientFor(env), (entry) => record(env, entry)),
);
// The receiver, made once per env object too: its time limit is a var of the deployment.
const webhooksFor = perEnv((env) =>
  createWorkerWebhookHandler<Env>({
    onMessage: (event, context) => autoReply(context.env).onMessage(event, context),
    onStatus: (event, context) => autoReply(context.env).onStatus(event, context),
    onCreateContact: (event, context) => autoReply(context.env).onCreateContact(event, context),
    onEvent: (event, context) => autoReply(context.env).onEvent(event, context),
    onError: (error, event, { env }) => autoReply(env).onError(error, event),
    dedupe: (env) => kvDedupe(env.WEBHOOK_STATE),
    ...(env.WEBHOOK_HANDLER_TIMEOUT_MS && {
      handlerTimeoutMs: Number(env.WEBHOOK_HANDLER_TIMEOUT_MS),
    }),
  }),
);

async function demo(env: Env): Promise<Response> {
  const wazzup = clientFor(env);
  const channels = JSON.parse(env.CHANNELS) as Record<string, string | undefined>;
  const channelId = channels.whatsapp ?? '';
  const chatId = env.WAZZUP_CHAT_ID ?? '79011112233';
  const report = createReport(() => {});
  await report.show('WhatsApp text', () =>
    wazzup.messages.send({
      channelId,
      chatType: 'whatsapp',
      chatId,
      text: 'Your order #1042 has shipped 📦',
    }),
  );
  const telegramChannelId = channels.telegram;
  if (telegramChannelId) {
    await report.show('Telegram by username', () =>
      wazzup.messages.send({
        channelId: telegramChannelId,
        chatType: 'telegram',
        username: 'wazzup_demo',
        text: 'Hello from a Worker',
      }),
    );
  }
  await report.show('Template with buttons', () =>
    wazzup.messages.send({
      channelId,
      chatType: 'whatsapp',
      chatId,
      templateId: '6201005a-9a6f-486f-bdd5-e6cb86c76ddb',
      templateValues: ['1042'],
      buttonsObject: { buttons: [{ payload: 'track' }, { payload: 'support' }] },
    }),
  );
  await report.show(
    'Invalid number (caught)',
    () =>
      wazzup.messages.send({
        channelId,
        chatType: 'whatsapp',
        chatId: '+7 901 111-22-33',
        text: 'Hi',
      }),
    'CHAT_INCORRECT_CHAT_ID_WHATSAPP',
  );
  return Response.json({ runtime: navigator.userAgent, rows: report.rows });
}

export default {
  async fetch(
    request: Request,
    env: Env,
    ctx: { waitUntil(promise: Promise<unknown>): void },
  ): Promise<Response> {
    const { pathname } = new URL(request.url);
    switch (pathname) {
      case '/': {
        const html = BROWSER_APP_HTML.replace(
          '__CHANNELS__',
          env.CHANNELS.replaceAll('"', '&quot;'),
        );
        return new Response(html, {
          headers: {
            'content-type': 'text/html; charset=utf-8',
            'set-cookie': `${SESSION_COOKIE}=${env.APP_TOKEN}; HttpOnly; SameSite=Strict; Path=/`,
          },
        });
      }
      case '/app.js':
        return new Response(BROWSER_APP_JS, {
          headers: { 'content-type': 'text/javascript; charset=utf-8' },
        });
      case '/api/send':
        return proxyFor(env)(request, env);
      case '/demo':
        return demo(env);
      case '/wazzup':
        return webhooksFor(env)(request, env, ctx);
      case '/api/events':
        if (sessionOf(request) !== env.APP_TOKEN)
          return new Response('Unauthorized', { status: 401 });
        return Response.json(summarize(await recorded(env)));
      default:
        return new Response('Not found', { status: 404 });
    }
  },
};
