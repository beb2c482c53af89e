// A CommonJS consumer of the installed tarballs: the shared program on core's createWazzup,
// loaded with require, and the package's JSON Schema and outbox subpath through its exports maps.
const { createWazzup } = require('@wazzup-sdk/core');
const schema = require('@wazzup-sdk/core/send-message.schema.json');
const { createOutboxConsumer } = require('@wazzup-sdk/cloudflare/outbox');

if (!schema.required.includes('channelId')) throw new Error('send-message.schema.json is wrong');
if (typeof createOutboxConsumer !== 'function') throw new Error('no @wazzup-sdk/cloudflare/outbox');

import('./program.mjs')
  .then(({ program }) => program(createWazzup, {}, `Node ${process.version} CJS`))
  .then((line) => console.log(line))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
