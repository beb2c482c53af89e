// A Worker built from the installed @wazzup-sdk/cloudflare, bundled with esbuild, run in workerd:
// the shared program, with the key and address from the Worker's env.
import { createWazzup, type WazzupEnv } from '@wazzup-sdk/cloudflare';
import { program } from './program.mjs';

export default {
  async fetch(_request: Request, env: WazzupEnv): Promise<Response> {
    return new Response(await program(createWazzup, { env }, 'workerd'));
  },
};
