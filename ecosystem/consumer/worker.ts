// A Worker built from the installed @wazzup-sdk/cloudflare, bundled with esbuild, run in workerd.
import { createWazzup, type WazzupEnv } from '@wazzup-sdk/cloudflare';

export default {
  async fetch(_request: Request, env: WazzupEnv): Promise<Response> {
    const result = await createWazzup(env).sendMessage({
      channelId: '1b7e0ab2-0c1f-4a5e-9d3a-6f2c1e4b8a01',
      chatType: 'whatsapp',
      chatId: '79011112233',
      text: `workerd ${navigator.userAgent}`,
    });
    return new Response(`${result.status} ${result.status === 'sent' ? result.messageId : ''}`);
  },
};
