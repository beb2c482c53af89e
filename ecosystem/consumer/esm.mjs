// An ESM consumer of the installed tarballs: the shared program on core's createWazzup, which
// reads WAZZUP_API_KEY and WAZZUP_BASE_URL from process.env.
import { createWazzup } from '@wazzup-sdk/core';
import { program } from './program.mjs';

console.log(await program(createWazzup, {}, `Node ${process.version} ESM`));
