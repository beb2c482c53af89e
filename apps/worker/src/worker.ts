// A Cloudflare Worker with @wazzup-sdk/cloudflare:
//   GET  /          the browser example's page (and /app.js, its script)
//   POST /api/send  the proxy the page sends through; the API key stays here
//   GET  /demo      the example sends, run inside the Worker with createWazzup(env)
import { createProxyHandler, createWazzup, type WazzupEnv } from '@wazzup-sdk/cloudflare';
import { createReport } from '@wazzup-sdk/example-report';

export interface Env extends WazzupEnv {
  /** The session value the page's cookie must carry (a real app checks its own sessions). */
  APP_TOKEN: string;
  /** Origins allowed to call the proxy, comma-separated. */
  ALLOWED_ORIGINS: string;
  /** JSON: the channel id per chat type. */
  CHANNELS: string;
  WAZZUP_CHAT_ID?: string;
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

async function demo(env: Env): Promise<Response> {
  const wazzup = createWazzup(env);
  const channels = JSON.parse(env.CHANNELS) as Record<string, string | undefined>;
  const channelId = channels.whatsapp ?? '';
  const chatId = env.WAZZUP_CHAT_ID ?? '79011112233';
  const report = createReport(() => {});
  await report.show('WhatsApp text', () =>
    wazzup.sendMessage({
      channelId,
      chatType: 'whatsapp',
      chatId,
      text: 'Your order #1042 has shipped 📦',
    }),
  );
  const telegramChannelId = channels.telegram;
  if (telegramChannelId) {
    await report.show('Telegram by username', () =>
      wazzup.sendMessage({
        channelId: telegramChannelId,
        chatType: 'telegram',
        username: 'wazzup_demo',
        text: 'Hello from a Worker',
      }),
    );
  }
  await report.show('Template with buttons', () =>
    wazzup.sendMessage({
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
      wazzup.sendMessage({
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
  async fetch(request: Request, env: Env): Promise<Response> {
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
      default:
        return new Response('Not found', { status: 404 });
    }
  },
};
